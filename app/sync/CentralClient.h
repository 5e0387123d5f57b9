#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace shopdesk {

// The shop's side of the REST API of shopdesk-central. Asynchronous: every
// call answers with a signal.
class CentralClient : public QObject
{
    Q_OBJECT
public:
    explicit CentralClient(QUrl baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // GET /health
    void checkHealth();

signals:
    // `online`: central answered and its database is fine; `detail` says why not.
    void healthChecked(bool online, const QString &detail);

private:
    QUrl endpoint(const QString &path) const;

    QUrl m_baseUrl;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
};

} // namespace shopdesk
