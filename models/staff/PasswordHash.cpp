#include "PasswordHash.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace shopdesk::PasswordHash {

namespace {

constexpr qsizetype kSaltBytes = 16;
constexpr qsizetype kHashBytes = 32;
const QString kScheme = u"pbkdf2-sha256"_s;

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                              iterations, kHashBytes);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

struct Parsed
{
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
    bool ok = false;
};

Parsed parse(const QString &stored)
{
    const QStringList parts = stored.split(u'$');
    Parsed p;
    if (parts.size() != 4 || parts.at(0) != kScheme)
        return p;
    p.iterations = parts.at(1).toInt(&p.ok);
    p.salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    p.hash = QByteArray::fromBase64(parts.at(3).toLatin1());
    p.ok = p.ok && p.iterations > 0 && !p.salt.isEmpty() && p.hash.size() == kHashBytes;
    return p;
}

} // namespace

QString hash(const QString &password, int iterations)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), kSaltBytes / 4);
    const QByteArray key = derive(password, salt, iterations);
    return u"%1$%2$%3$%4"_s.arg(kScheme)
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

bool verify(const QString &password, const QString &stored)
{
    const Parsed p = parse(stored);
    if (!p.ok)
        return false;
    return constantTimeEquals(derive(password, p.salt, p.iterations), p.hash);
}

bool needsRehash(const QString &stored)
{
    const Parsed p = parse(stored);
    return !p.ok || p.iterations < kIterations;
}

} // namespace shopdesk::PasswordHash
