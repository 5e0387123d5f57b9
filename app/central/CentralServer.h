#pragma once

#include "CentralOptions.h"

#include <QHttpServer>
#include <QObject>
#include <QThreadPool>

namespace shopdesk {

// The head-office HTTP server. Requests are answered on a pool of worker
// threads, each with its own database connection, so a slow query never
// holds up the others.
class CentralServer : public QObject
{
    Q_OBJECT
public:
    explicit CentralServer(const CentralOptions &options, QObject *parent = nullptr);
    ~CentralServer() override;

    // Starts listening; returns the port (useful with port 0), or 0 and *error.
    quint16 listen(QString *error);
    // Waits for requests still being answered, then closes the connections.
    void finishRequests();

private:
    void addRoutes();

    CentralOptions m_options;
    QThreadPool m_workers;
    QHttpServer m_http;
};

} // namespace shopdesk
