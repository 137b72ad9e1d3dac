// libFuzzer target: bytes as a .warc file through read_warc_file (record
// framing, HTTP headers, chunked and gzip bodies, then the HTML reader).
// Every problem must reach the problem handler: nothing may be thrown, and
// every article must have an id.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "indexer/warc_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // The reader reads files: one per process, rewritten for each input.
    static const std::string path = "/tmp/fuzz_warc_file-" + std::to_string(getpid()) + ".warc";
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();
    if (size && std::fwrite(data, 1, size, f) != size) std::abort();
    std::fclose(f);
    news::read_warc_file(
        path, [](news::Article&& a) { if (a.id.empty()) std::abort(); }, [](const news::InputProblem&) {},
        [](const std::string&) {});
    return 0;
}
