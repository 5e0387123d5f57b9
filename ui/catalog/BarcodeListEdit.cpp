#include "BarcodeListEdit.h"

#include "models/catalog/CatalogService.h"
#include "models/catalog/ProductStore.h"
#include "models/core/TaskRunner.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

BarcodeListEdit::BarcodeListEdit(const Actor &actor, QWidget *parent)
    : QWidget(parent),
      m_actor(actor),
      m_list(new QListWidget(this)),
      m_entry(new QLineEdit(this)),
      m_add(new QPushButton(tr("A&dd"), this)),
      m_remove(new QPushButton(tr("Remo&ve"), this)),
      m_main(new QPushButton(tr("Make &main"), this))
{
    m_list->setObjectName(u"barcodes"_s);
    m_list->setMaximumHeight(90);
    m_list->setToolTip(tr("The product is found by any of its barcodes; the main one (first, "
                          "in bold) is printed on its shelf label."));
    m_entry->setObjectName(u"newBarcode"_s);
    m_entry->setPlaceholderText(tr("type or scan a barcode, then Enter"));
    m_entry->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[0-9]{0,14}"_s), m_entry));
    m_entry->installEventFilter(this);
    m_add->setObjectName(u"addBarcode"_s);
    m_add->setAutoDefault(false);
    m_remove->setObjectName(u"removeBarcode"_s);
    m_remove->setAutoDefault(false);
    m_remove->setShortcut(QKeySequence::Delete);
    m_main->setObjectName(u"mainBarcode"_s);
    m_main->setAutoDefault(false);
    connect(m_add, &QPushButton::clicked, this, &BarcodeListEdit::addBarcode);
    connect(m_remove, &QPushButton::clicked, this, &BarcodeListEdit::removeBarcode);
    connect(m_main, &QPushButton::clicked, this, &BarcodeListEdit::makeMainBarcode);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addWidget(m_main);
    buttons->addStretch();
    auto *list = new QHBoxLayout;
    list->addWidget(m_list, 1);
    list->addLayout(buttons);
    auto *entry = new QHBoxLayout;
    entry->addWidget(m_entry, 1);
    entry->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(list);
    layout->addLayout(entry);
}

void BarcodeListEdit::setOwnerPlu(const QString &plu)
{
    m_ownerPlu = plu;
}

QStringList BarcodeListEdit::barcodes() const
{
    QStringList list;
    for (int row = 0; row < m_list->count(); ++row)
        list << m_list->item(row)->data(Qt::UserRole).toString();
    return list;
}

void BarcodeListEdit::setBarcodes(const QStringList &barcodes)
{
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_list->clear();
    for (const QString &barcode : barcodes) {
        auto *item = new QListWidgetItem(
            m_list->count() == 0 ? tr("%1 (main)").arg(barcode) : barcode, m_list);
        item->setData(Qt::UserRole, barcode);
        if (m_list->count() == 1) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
        if (barcode == current)
            m_list->setCurrentItem(item);
    }
}

void BarcodeListEdit::setReadOnly(bool readOnly)
{
    m_entry->setReadOnly(readOnly);
    for (QPushButton *button : {m_add, m_remove, m_main})
        button->setEnabled(!readOnly);
}

bool BarcodeListEdit::eventFilter(QObject *watched, QEvent *event)
{
    // A scanner ends the code with Enter: it adds the barcode, not saves.
    if (watched == m_entry && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            addBarcode();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void BarcodeListEdit::addBarcode()
{
    const QString code = m_entry->text().trimmed();
    if (code.isEmpty() || m_entry->isReadOnly())
        return;
    if (barcodes().contains(code)) {
        m_entry->clear();
        return;
    }
    if (auto invalid = ProductStore::validateBarcodes({code})) {
        emit refused(invalid->message);
        m_entry->selectAll();
        return;
    }
    m_add->setEnabled(false);
    whenReady(this, CatalogService(m_actor).byBarcode(code),
              [this, code](const Result<std::optional<Product>> &found) {
                  m_add->setEnabled(!m_entry->isReadOnly());
                  if (!found) {
                      emit failed(found.error().message);
                      return;
                  }
                  if (found.value() && found.value()->plu != m_ownerPlu) {
                      emit refused(
                          tr("The barcode %1 belongs to PLU %2.").arg(code, found.value()->plu));
                      m_entry->setFocus();
                      m_entry->selectAll();
                      return;
                  }
                  QStringList list = barcodes();
                  if (!list.contains(code))
                      list << code;
                  setBarcodes(list);
                  if (m_entry->text().trimmed() == code)
                      m_entry->clear();
                  emit barcodesChanged();
              });
}

void BarcodeListEdit::removeBarcode()
{
    const int row = m_list->currentRow();
    if (row < 0 || m_entry->isReadOnly())
        return;
    QStringList list = barcodes();
    list.removeAt(row);
    setBarcodes(list);
    m_list->setCurrentRow(qMin(row, m_list->count() - 1));
    emit barcodesChanged();
}

void BarcodeListEdit::makeMainBarcode()
{
    const int row = m_list->currentRow();
    if (row <= 0 || m_entry->isReadOnly())
        return;
    QStringList list = barcodes();
    list.move(row, 0);
    setBarcodes(list);
    m_list->setCurrentRow(0);
    emit barcodesChanged();
}

} // namespace shopdesk
