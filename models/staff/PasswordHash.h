#pragma once

#include <QString>

namespace shopdesk {

// Salted PBKDF2-SHA256 password (and PIN) hashes, stored as
// "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
namespace PasswordHash {

inline constexpr int kIterations = 120000;

QString hash(const QString &password, int iterations = kIterations);
// Compares in constant time; false for a malformed stored hash.
bool verify(const QString &password, const QString &stored);
// A stored hash that the current settings would make differently (fewer
// iterations than kIterations) and should be replaced after a good login.
bool needsRehash(const QString &stored);

} // namespace PasswordHash
} // namespace shopdesk
