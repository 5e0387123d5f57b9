#pragma once

#include "models/core/Actor.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace shopdesk {

class MessageBanner;
struct VoidedSale;

// The sales dropped at the shop's tills with lines in them (F12): when, at
// which till, by whom, what was in them and their total, for the manager.
class VoidedSalesDialog : public QDialog
{
    Q_OBJECT
public:
    VoidedSalesDialog(const Actor &actor, qint64 shopId, const QString &shopTimeZone,
                      QWidget *parent = nullptr);

private:
    void load();
    void showVoided(const QList<VoidedSale> &voided);

    Actor m_actor;
    qint64 m_shopId;
    QString m_shopTimeZone;
    MessageBanner *m_banner;
    QComboBox *m_period;
    QTreeWidget *m_tree;
    QLabel *m_summary;
    int m_request = 0; // answers to an older period are dropped
};

} // namespace shopdesk
