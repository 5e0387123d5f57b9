#pragma once

#include "models/core/Actor.h"
#include "models/stock/StockStore.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace shopdesk {

class MessageBanner;
class QuantitySpinBox;

// Increase or decrease one stock's shelf or order quantity, with a reason.
// Taking more than there is is caught in the form before it is sent, and
// again by the store (someone may have sold the last units meanwhile).
class AdjustStockDialog : public QDialog
{
    Q_OBJECT
public:
    AdjustStockDialog(const Actor &actor, const StockRow &stock, QWidget *parent = nullptr);

    // The stock after the change (valid once accepted).
    StockRow result() const { return m_stock; }

    static QStringList increaseReasons();
    static QStringList decreaseReasons();

private:
    void updateForm();
    void submit();
    void setSaving(bool saving);

    Actor m_actor;
    StockRow m_stock;
    MessageBanner *m_banner;
    QRadioButton *m_increase;
    QRadioButton *m_decrease;
    QRadioButton *m_shelf;
    QRadioButton *m_order;
    QuantitySpinBox *m_amount;
    QComboBox *m_reason;
    QLineEdit *m_note;
    QLabel *m_preview;
    QPushButton *m_ok;
};

} // namespace shopdesk
