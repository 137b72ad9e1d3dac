#include "indexer/commands/command.h"

#include <algorithm>
#include <cstdio>

#include "common/error.h"
#include "indexer/database_compaction.h"

namespace news::cli {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_build_command());
    commands.push_back(make_remove_command());
    commands.push_back(make_compact_command());
    commands.push_back(make_stats_command());
    commands.push_back(make_dups_command());
    commands.push_back(make_compare_command());
    return commands;
}

long at_least(const po::variables_map& vm, const char* name, long min) {
    const long v = vm[name].as<long>();
    if (v < min) throw Error(ErrorKind::kUsage, std::string("--") + name + " must be at least " + std::to_string(min));
    return v;
}

std::vector<std::string> positional_values(const po::variables_map& vm, const char* name) {
    return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string format_option(const po::variables_map& vm, const std::vector<std::string>& offered) {
    const std::string format = vm["format"].as<std::string>();
    if (std::find(offered.begin(), offered.end(), format) != offered.end()) return format;
    std::string list;
    for (size_t i = 0; i < offered.size(); ++i)
        list += (i == 0 ? "" : i + 1 == offered.size() ? " or " : ", ") + offered[i];
    throw Error(ErrorKind::kUsage, "--format must be " + list);
}

void print_compaction(const CompactionReport& c) {
    std::printf("compacted: %.1f MB -> %.1f MB; %.2f s\n", c.bytes_before / 1e6, c.bytes_after / 1e6, c.seconds);
}

}  // namespace news::cli
