#include "common/recency_weight.h"

#include <algorithm>
#include <cmath>

namespace news {
namespace {

constexpr double kEpochSeconds = 946684800;  // 2000-01-01T00:00:00Z
constexpr double kMaxExponent = 1000;        // 2^1000 < DBL_MAX; 2^-1000 is a normal double

}  // namespace

double recency_weight(double unix_seconds) {
    const double half_lives = (unix_seconds - kEpochSeconds) / (kRecencyHalfLifeDays * 86400.0);
    return std::exp2(std::clamp(half_lives, -kMaxExponent, kMaxExponent));
}

}  // namespace news
