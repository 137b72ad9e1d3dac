// `news-index remove`: deletes articles in one commit, keeping the duplicate
// groups they belonged to right for the versions that remain.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace news {

struct RemovalReport {
    size_t removed = 0;
    std::vector<std::string> unknown;  // ids with no article (nothing done for them)
    size_t rekeyed = 0;                // remaining versions given a new group key
    size_t remaining = 0;              // articles in the database afterwards
};

// Removes the articles with these ids (as news-search prints them; a .txt
// article may also be named by a relative path), then re-keys what is left
// of their story and event groups (rekey_remaining in story_grouper.h): the
// other versions stay findable and grouped with each other even when the
// removed one gave the group its key. Deletions and re-keying are one
// transaction. Throws news::Error(kDatabase) if the database cannot be written.
RemovalReport remove_articles(const std::string& db_path, const std::vector<std::string>& ids);

}  // namespace news
