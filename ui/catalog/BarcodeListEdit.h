#pragma once

#include "models/core/Actor.h"

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace shopdesk {

// The barcodes a product is scanned by, the main one (printed on labels)
// first: a list with Remove and Make main, and a field to type or scan the
// next one into (Enter adds it, as a scanner ends its code). A barcode joins
// the list only when its check digit is right and no other product has it
// (CatalogService::byBarcode, off the GUI thread). Used by the new-product
// and the product dialogs alike.
class BarcodeListEdit : public QWidget
{
    Q_OBJECT
public:
    explicit BarcodeListEdit(const Actor &actor, QWidget *parent = nullptr);

    // The product the barcodes are for: its own are no conflict. Empty: a
    // product not created yet.
    void setOwnerPlu(const QString &plu);
    QStringList barcodes() const;
    void setBarcodes(const QStringList &barcodes);
    // The field a barcode is typed or scanned into (a form's buddy, the
    // field an error names).
    QLineEdit *entry() const { return m_entry; }
    // Shows the barcodes without letting them change.
    void setReadOnly(bool readOnly);

signals:
    // A barcode was added, removed or made main.
    void barcodesChanged();
    // The typed barcode was not added: why, naming it.
    void refused(const QString &message);
    // The barcode could not be looked up (the database): why.
    void failed(const QString &message);

public slots:
    void addBarcode();
    void removeBarcode();
    void makeMainBarcode();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Actor m_actor;
    QString m_ownerPlu;
    QListWidget *m_list;
    QLineEdit *m_entry;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_main;
};

} // namespace shopdesk
