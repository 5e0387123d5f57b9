#include "CentralClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace shopdesk {

CentralClient::CentralClient(QUrl baseUrl, QObject *parent)
    : QObject(parent), m_baseUrl(std::move(baseUrl)), m_network(new QNetworkAccessManager(this))
{
}

QUrl CentralClient::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

void CentralClient::checkHealth()
{
    QNetworkRequest request(endpoint(u"/health"_s));
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError && body.isEmpty()) {
            emit healthChecked(false, reply->errorString());
            return;
        }
        const bool ok = body.value(u"status"_s).toString() == u"ok"_s;
        emit healthChecked(
            ok,
            ok ? QString()
               : tr("central's database is %1").arg(body.value(u"database"_s).toString()));
    });
}

} // namespace shopdesk
