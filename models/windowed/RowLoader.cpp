#include "RowLoader.h"

#include "models/db/Database.h"

#include <QLoggingCategory>
#include <QSqlError>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLoader, "shopdesk.loader")

namespace shopdesk {

namespace {
// More pending blocks than this means the view has moved on; drop the oldest.
constexpr size_t kMaxPendingBlocks = 12;
} // namespace

RowLoader::RowLoader(DbConfig config, QObject *parent)
    : QThread(parent), m_config(std::move(config))
{
    qRegisterMetaType<QList<QVariantList>>();
}

RowLoader::~RowLoader()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_wake.wakeAll();
    wait();
    for (Helper &helper : m_helpers)
        helper.thread.join();
}

void RowLoader::setGeneration(quint64 generation)
{
    QMutexLocker locker(&m_mutex);
    m_generation = generation;
    m_currentGeneration = generation;
    std::erase_if(m_queue, [generation](const Request &r) { return r.generation < generation; });
}

void RowLoader::requestCount(quint64 generation, RowSourcePtr source, bool estimate)
{
    {
        QMutexLocker locker(&m_mutex);
        if (source->needsWarmUp()) {
            m_warmUp = source; // prepared when nothing else is asked for
            m_warmUpGeneration = generation;
        }
    }
    Request request {generation, std::move(source), -1, 0};
    request.estimate = estimate;
    enqueue(std::move(request));
}

void RowLoader::requestBlock(quint64 generation, RowSourcePtr source, qint64 block, int blockSize)
{
    enqueue({generation, std::move(source), block, blockSize});
}

void RowLoader::enqueue(Request request)
{
    QList<Request> dropped;
    {
        QMutexLocker locker(&m_mutex);
        if (request.generation < m_generation)
            return;
        // Newest first: counts lead (the view needs the size), then the latest block.
        if (request.block < 0) {
            m_queue.push_front(std::move(request));
        } else {
            auto firstBlock = std::find_if(m_queue.begin(), m_queue.end(),
                                           [](const Request &r) { return r.block >= 0; });
            m_queue.insert(firstBlock, std::move(request));
            size_t blocks = std::count_if(m_queue.begin(), m_queue.end(),
                                          [](const Request &r) { return r.block >= 0; });
            while (blocks-- > kMaxPendingBlocks) {
                dropped.append(std::move(m_queue.back()));
                m_queue.pop_back();
            }
        }
    }
    if (!isRunning())
        start();
    m_wake.wakeOne();
    // Called from the model's thread: it learns at once that it may ask again.
    for (const Request &r : std::as_const(dropped))
        emit blockDropped(r.generation, r.block);
}

void RowLoader::runInBackground(
    std::function<void(const QSqlDatabase &, const QString &openError)> work)
{
    // Finished helpers are joined and dropped; running ones go on.
    std::erase_if(m_helpers, [](Helper &h) {
        if (!h.done->load())
            return false;
        h.thread.join();
        return true;
    });
    auto done = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = m_currentGeneration;
    m_helpers.push_back(
        {std::thread([this, config = m_config, work = std::move(work), done, generation] {
             // Not wanted any more (a newer filter or sort): skip it.
             if (generation >= m_currentGeneration) {
                 // Its own connection: QSqlDatabase stays in the thread that opened it.
                 ScopedConnection conn(config, u"loader-helper"_s);
                 work(conn.db(), conn.isOpen() ? QString() : conn.errorText());
             }
             *done = true;
         }),
         done});
}

void RowLoader::run()
{
    // This thread's own connection: QSqlDatabase is used only where it was opened.
    const QString name = Database::uniqueConnectionName(u"loader"_s);
    QString error;
    QSqlDatabase db = Database::open(m_config, name, &error);
    for (;;) {
        Request request;
        RowSourcePtr warmUp;
        {
            QMutexLocker locker(&m_mutex);
            while (!m_stopping && m_queue.empty() && !m_warmUp)
                m_wake.wait(&m_mutex);
            if (m_stopping)
                break;
            if (m_queue.empty()) {
                // Idle: prepare the current source for far jumps.
                if (m_warmUpGeneration >= m_generation)
                    warmUp = m_warmUp;
                m_warmUp.reset();
                // A warm-up for a filter the model has since left: nothing to do.
                if (!warmUp)
                    continue;
            } else {
                request = std::move(m_queue.front());
                m_queue.pop_front();
                if (request.generation < m_generation)
                    continue;
            }
        }
        if (!db.isOpen() && !db.open())
            error = db.lastError().text();
        else
            error.clear();
        if (warmUp) {
            // On a thread and connection of its own: building a sparse index
            // over millions of rows must not hold up the blocks the view asks for.
            runInBackground([warmUp](const QSqlDatabase &background, const QString &openError) {
                if (openError.isEmpty()) // only an aid to far jumps: without it they still work
                    warmUp->warmUp(background);
            });
            continue;
        }
        if (request.block < 0) {
            qint64 count = 0;
            if (error.isEmpty()) {
                // An estimate first, so the scrollbar is right at once; the
                // exact count (a second or more on ten million rows) then runs
                // in the background while this thread serves the blocks.
                const auto quick = request.estimate ? request.source->quickCount(db) : std::nullopt;
                if (quick && quick->exact) {
                    emit countReady(request.generation, quick->rows, false, QString());
                    continue;
                }
                if (quick) {
                    emit countReady(request.generation, quick->rows, true, QString());
                    const quint64 generation = request.generation;
                    const RowSourcePtr source = request.source;
                    runInBackground([this, generation, source](const QSqlDatabase &background,
                                                               const QString &openError) {
                        // Always answered, so the model does not wait for it forever.
                        if (!openError.isEmpty()) {
                            emit countReady(generation, 0, false, openError);
                            return;
                        }
                        auto exact = source->count(background);
                        emit countReady(generation, exact ? exact.value() : 0, false,
                                        exact ? QString() : exact.error().message);
                    });
                    continue;
                }
                auto result = request.source->count(db);
                if (result)
                    count = result.value();
                else
                    error = result.error().message;
            }
            emit countReady(request.generation, count, false, error);
        } else {
            QList<QVariantList> rows;
            if (error.isEmpty()) {
                auto result =
                    request.source->rows(db, request.block * request.blockSize, request.blockSize);
                if (result)
                    rows = std::move(result.value());
                else
                    error = result.error().message;
            }
            emit blockReady(request.generation, request.block, rows, error);
        }
        if (!error.isEmpty())
            qCWarning(lcLoader).noquote() << error;
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

} // namespace shopdesk
