#pragma once

#include "RowSource.h"
#include "models/db/DbConfig.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace shopdesk {

// The worker behind a windowed model: a thread with its own database
// connection that answers count and block requests. Requests carry the
// model's generation; older generations are dropped unanswered, and the most
// recently asked block is loaded first (it is the one the view now shows).
class RowLoader : public QThread
{
    Q_OBJECT
public:
    explicit RowLoader(DbConfig config, QObject *parent = nullptr);
    ~RowLoader() override;

    // Everything older than `generation` is no longer wanted.
    void setGeneration(quint64 generation);
    // `estimate`: show the source's quick count first (not on a refresh: the
    // rows on screen would jump to the estimate and back).
    void requestCount(quint64 generation, RowSourcePtr source, bool estimate = true);
    void requestBlock(quint64 generation, RowSourcePtr source, qint64 block, int blockSize);

signals:
    // `estimate`: a quick approximation; the exact count follows.
    void countReady(quint64 generation, qint64 count, bool estimate, const QString &error);
    void blockReady(quint64 generation, qint64 block, const QList<QVariantList> &rows,
                    const QString &error);
    // A block request given up because the view has moved far on; ask again if needed.
    void blockDropped(quint64 generation, qint64 block);

protected:
    void run() override;

private:
    struct Request
    {
        quint64 generation = 0;
        RowSourcePtr source;
        qint64 block = -1; // -1: a count
        int blockSize = 0;
        bool estimate = true;
    };
    void enqueue(Request request);

    DbConfig m_config;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Request> m_queue;
    quint64 m_generation = 0;
    std::atomic<quint64> m_currentGeneration {0}; // read by helper threads
    bool m_stopping = false;
    RowSourcePtr m_warmUp;
    quint64 m_warmUpGeneration = 0;
    // Work that must not hold up the blocks (exact counts, sparse indexes)
    // runs on helper threads, each with its own connection.
    // `work` gets the helper's connection, or the reason it could not be opened.
    void runInBackground(std::function<void(const QSqlDatabase &, const QString &openError)> work);
    struct Helper
    {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    std::vector<Helper> m_helpers; // touched by the loader thread only (and the destructor)
};

} // namespace shopdesk
