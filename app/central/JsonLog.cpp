#include "JsonLog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace shopdesk {

void writeJsonLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static QMutex mutex; // lines from worker threads must not interleave
    const char *level = "info";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtInfoMsg:
        break;
    case QtWarningMsg:
        level = "warning";
        break;
    case QtCriticalMsg:
        level = "error";
        break;
    case QtFatalMsg:
        level = "fatal";
        break;
    }
    QJsonObject line;
    const QJsonDocument structured =
        message.startsWith(u'{') ? QJsonDocument::fromJson(message.toUtf8()) : QJsonDocument();
    if (structured.isObject())
        line = structured.object();
    else
        line.insert(u"message"_s, message);
    line.insert(u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    line.insert(u"level"_s, QString::fromLatin1(level));
    line.insert(u"category"_s, QString::fromLatin1(context.category ? context.category : ""));
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    QMutexLocker lock(&mutex);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace shopdesk
