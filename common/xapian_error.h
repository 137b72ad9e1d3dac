// Where the library calls Xapian, its exceptions become news::Error
// (common/error.h) with the context a user needs (which database, which
// article): the mains catch news::Error only.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>

#include "common/error.h"

namespace news {

// The news::Error for a Xapian exception met while doing `context` (e.g.
// "writing /srv/news.db"): a lock held by another writer is
// kDatabaseLocked, a query the parser rejects kQuerySyntax, anything else
// (opening, corruption, version, network, I/O) kDatabase. The message is
// "<context>: <Xapian's description>".
Error from_xapian(const Xapian::Error& e, const std::string& context);

// Runs `work`, translating a Xapian exception that escapes it with
// from_xapian(e, context).
template <class Work>
auto translating_xapian_errors(const std::string& context, Work&& work) -> decltype(work()) {
    try {
        return std::forward<Work>(work)();
    } catch (const Xapian::Error& e) {
        throw from_xapian(e, context);
    }
}

}  // namespace news
