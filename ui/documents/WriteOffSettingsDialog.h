#pragma once

#include "models/core/Actor.h"

#include <QDialog>

class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace shopdesk {

class MessageBanner;

// A manager's write-off settings (opened from the Settings page): the
// reasons stock keepers choose from (add one, rename it, switch it off or
// on: a tick) and the value above which a write-off needs a manager's
// approval. Every change goes through DocumentsService at once.
class WriteOffSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WriteOffSettingsDialog(const Actor &actor, QWidget *parent = nullptr);

    QTreeWidget *reasons() const { return m_reasons; }

public slots:
    void load();
    void addReason();
    void saveThreshold();

signals:
    void loaded();
    void saved(); // a change was written
    void failed(const QString &message);

private:
    void saveReason(QTreeWidgetItem *item);
    void refuse(const QString &message);

    Actor m_actor;
    MessageBanner *m_banner;
    QTreeWidget *m_reasons;
    QLineEdit *m_newReason;
    QLineEdit *m_threshold;
    bool m_loading = false;
};

} // namespace shopdesk
