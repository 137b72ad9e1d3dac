#include "common/xapian_error.h"

#include <cstring>

namespace news {

Error from_xapian(const Xapian::Error& e, const std::string& context) {
    const std::string message = context + ": " + e.get_description();
    // Xapian's exception classes have no virtual functions to dynamic_cast
    // on; get_type() names the class.
    const char* type = e.get_type();
    if (std::strcmp(type, "DatabaseLockError") == 0) return Error(ErrorKind::kDatabaseLocked, message);
    if (std::strcmp(type, "QueryParserError") == 0) return Error(ErrorKind::kQuerySyntax, message);
    return Error(ErrorKind::kDatabase, message);
}

}  // namespace news
