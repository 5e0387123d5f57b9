// /sync/events: a shop's outbox, applied once per idempotency key.

#include "ApiHandlers.h"
#include "models/core/JsonReader.h"
#include "models/sync/SyncInboxStore.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};
} // namespace

ApiResponse ApiHandlers::syncEvents(const ApiCall &call)
{
    if (call.request.method != "POST")
        return methodNotAllowed(call, u"POST"_s);
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"events"_s});
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    const QJsonValue list = body->value(u"events"_s);
    if (!list.isArray())
        return ApiResponse::error(422, u"invalid"_s, Text::tr("events must be an array."),
                                  u"events"_s);
    const QJsonArray array = list.toArray();
    if (array.size() > SyncInboxStore::kMaxBatch)
        return ApiResponse::error(
            422, u"invalid"_s,
            Text::tr("At most %1 events per request; send the rest in another.")
                .arg(SyncInboxStore::kMaxBatch),
            u"events"_s);

    // The envelope of every event is checked before anything is applied, so a
    // malformed batch changes nothing; an event whose content central cannot
    // apply is refused on its own, in its ack.
    QList<IncomingEvent> events;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString prefix = u"events[%1]."_s.arg(i);
        if (!array.at(i).isObject())
            return ApiResponse::error(422, u"invalid"_s,
                                      Text::tr("events[%1] must be an object.").arg(i),
                                      u"events[%1]"_s.arg(i));
        JsonReader event(array.at(i).toObject(), prefix);
        event.rejectUnknown({u"idempotency_key"_s, u"event_type"_s, u"payload"_s, u"created_at"_s});
        IncomingEvent e;
        e.idempotencyKey = event.string(u"idempotency_key"_s, true, 64).value_or(QString());
        e.type = event.string(u"event_type"_s, true, 64).value_or(QString());
        e.payload = event.object(u"payload"_s, true).value_or(QJsonObject());
        e.createdAt = event.string(u"created_at"_s, false, 40).value_or(QString());
        if (!event.ok())
            return ApiResponse::error(422, u"invalid"_s, event.message(), event.field());
        events.append(e);
    }

    auto acks = SyncInboxStore(call.db).apply(call.caller, events);
    if (!acks && acks.error().code == StoreError::Code::Locked) {
        ApiResponse busy = ApiResponse::error(429, u"busy"_s, acks.error().message);
        busy.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
        return busy;
    }
    if (!acks)
        return ApiResponse::fromStoreError(acks.error());
    QJsonArray out;
    int applied = 0, duplicates = 0, rejected = 0;
    for (const EventAck &ack : acks.value()) {
        QJsonObject a {{u"idempotency_key"_s, ack.idempotencyKey},
                       {u"status"_s, EventAck::statusName(ack.status)}};
        if (ack.status == EventAck::Status::Rejected) {
            QJsonObject error {{u"code"_s, ack.errorCode}, {u"message"_s, ack.errorMessage}};
            if (!ack.errorField.isEmpty())
                error.insert(u"field"_s, ack.errorField);
            a.insert(u"error"_s, error);
            ++rejected;
        } else {
            ++(ack.status == EventAck::Status::Applied ? applied : duplicates);
        }
        out.append(a);
    }
    return ApiResponse::json({{u"acks"_s, out},
                              {u"applied"_s, applied},
                              {u"duplicates"_s, duplicates},
                              {u"rejected"_s, rejected}});
}

} // namespace shopdesk
