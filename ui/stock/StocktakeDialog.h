#pragma once

#include "models/core/Actor.h"
#include "models/shops/ShopStore.h"
#include "models/stock/StocktakeStore.h"

#include <QDialog>
#include <QFuture>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace shopdesk {

class MessageBanner;
class QuantitySpinBox;

// Counting a shop's stock while it stays open: scan or type a PLU or
// barcode, enter the counted quantity (1 unless typed), Enter; the same
// product again adds to its line (Replace corrects it instead). Commit shows
// the variance sheet first. Closing the dialog keeps the count open for later.
class StocktakeDialog : public QDialog
{
    Q_OBJECT
public:
    StocktakeDialog(const Actor &actor, const Shop &shop, QWidget *parent = nullptr);

signals:
    // The count was committed: stock quantities changed.
    void committed(const shopdesk::StocktakeSummary &summary);

private:
    void openCount();
    void record();
    // Asks which product the code names, to count it in its unit.
    void lookUpCode(const QString &code);
    void commitCount();
    void commitAfterSheet(const QList<StocktakeVarianceLine> &sheet);
    void cancelCount();
    template<typename T, typename OnDone>
    void closeCount(QFuture<Result<T>> closing, OnDone onDone);
    void showLines(const QList<StocktakeLine> &lines);
    void setBusy(bool busy);

    Actor m_actor;
    Shop m_shop;
    qint64 m_stocktakeId = 0;
    MessageBanner *m_banner;
    QLabel *m_status;
    QLineEdit *m_code;
    QuantitySpinBox *m_counted;
    QString m_codeKnown; // the code whose product set the counted field's unit
    bool m_recordWhenKnown = false; // Enter came before the product did
    QCheckBox *m_replace;
    QPushButton *m_record;
    QPushButton *m_commit;
    QPushButton *m_cancelCount;
    QTableWidget *m_lines;
};

} // namespace shopdesk
