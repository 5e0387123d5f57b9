#include "DbConfig.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

DbConfig DbConfig::fromUrl(const QString &text, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return DbConfig {};
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("The database URL is empty."));

    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return fail(tr("The database URL is not a valid URL; expected "
                       "postgresql://user:password@host:port/dbname."));
    if (url.scheme() != u"postgresql"_s && url.scheme() != u"postgres"_s)
        return fail(tr("The database URL must start with postgresql:// (it starts with \"%1:\").")
                        .arg(url.scheme()));

    DbConfig config;
    config.host = url.host().isEmpty() ? u"localhost"_s : url.host();
    const QString portText = trimmed.section(u'@', -1).section(u'/', 0, 0).section(u':', 1);
    if (url.port() == -1 && !portText.isEmpty())
        return fail(tr("The port in the database URL (\"%1\") is not a number between 1 and 65535.")
                        .arg(portText));
    config.port = url.port(5432);
    if (config.port <= 0 || config.port > 65535)
        return fail(tr("The port in the database URL must be between 1 and 65535."));
    config.database = url.path().mid(1);
    if (config.database.isEmpty() || config.database.contains(u'/'))
        return fail(tr("The database URL names no database; add it after the port, "
                       "as in postgresql://host:5432/shopdesk."));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        static const QStringList sslModes {u"disable"_s, u"allow"_s,     u"prefer"_s,
                                           u"require"_s, u"verify-ca"_s, u"verify-full"_s};
        if (key != u"sslmode"_s)
            return fail(tr("The database URL has a parameter ShopDesk does not know: \"%1\". "
                           "Only sslmode is supported.")
                            .arg(key));
        if (!sslModes.contains(value))
            return fail(tr("sslmode must be one of %1.").arg(sslModes.join(u", "_s)));
        config.sslMode = value;
    }
    config.user = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    if (error)
        error->clear();
    return config;
}

static QString buildUrl(const DbConfig &c, const QString &password)
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(c.host);
    url.setPort(c.port);
    url.setPath(u"/"_s + c.database);
    if (!c.user.isEmpty())
        url.setUserName(c.user);
    if (!password.isEmpty())
        url.setPassword(password);
    if (!c.sslMode.isEmpty())
        url.setQuery(u"sslmode="_s + c.sslMode);
    return url.toString(QUrl::FullyEncoded);
}

QString DbConfig::toRedactedUrl() const
{
    // "***" would be percent-encoded by QUrl; build the redacted form by hand.
    QString url = buildUrl(*this, {});
    if (!password.isEmpty()) {
        const qsizetype at = url.indexOf(u'@');
        if (at > 0)
            url.insert(at, u":***"_s);
    }
    return url;
}

QString DbConfig::toUrl() const
{
    return buildUrl(*this, password);
}

QString DbConfig::displayName() const
{
    return u"%1:%2/%3"_s.arg(host).arg(port).arg(database);
}

DbConfig DbConfig::withDatabase(const QString &name) const
{
    DbConfig copy = *this;
    copy.database = name;
    return copy;
}

QString DbConfig::commandLinePasswordWarning(const QString &option)
{
    return tr("%1 carries a password, which every account on this computer can read in the "
              "process list. Leave it out of the URL and keep it in a password file "
              "(~/.pgpass, or the file PGPASSFILE names) or in the PGPASSWORD variable.")
        .arg(option);
}

} // namespace shopdesk
