#include "ProductDialog.h"

#include "BarcodeListEdit.h"
#include "VatRateComboBox.h"
#include "models/catalog/CatalogService.h"
#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "ui/common/CategoryComboBox.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

ProductDialog::ProductDialog(const Actor &actor, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_banner(new MessageBanner(this)),
      m_plu(new QLineEdit(this)),
      m_name(new QLineEdit(this)),
      m_price(new QLineEdit(this)),
      m_barcodes(new BarcodeListEdit(actor, this)),
      m_byWeight(new QCheckBox(tr("Sold by &weight (price per kg)"), this)),
      m_vat(new VatRateComboBox(this)),
      m_category(new CategoryComboBox(this))
{
    setWindowTitle(tr("New product"));
    m_plu->setObjectName(u"plu"_s);
    m_plu->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[0-9A-Za-z_-]{0,32}"_s), m_plu));
    m_name->setObjectName(u"name"_s);
    m_name->setMaxLength(200);
    m_price->setObjectName(u"price"_s);
    m_price->setPlaceholderText(Money::formatPlain(0));
    // Optional: as many as the goods carry, checked as they are added (as on
    // the product's card); the first is the main one.
    connect(m_barcodes, &BarcodeListEdit::refused, this,
            [this](const QString &message) { m_banner->showMessage(message); });
    connect(m_barcodes, &BarcodeListEdit::failed, this,
            [this](const QString &message) { m_banner->showMessage(message); });
    connect(m_barcodes, &BarcodeListEdit::barcodesChanged, m_banner, &MessageBanner::hideMessage);
    // Room for a refusal, so the dialog keeps its size when one shows.
    m_banner->reserveSpace(2);

    auto *form = new QFormLayout;
    form->addRow(tr("&PLU:"), m_plu);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("P&rice:"), m_price);
    auto *barcodesLabel = new QLabel(tr("&Barcodes:"), this);
    barcodesLabel->setBuddy(m_barcodes->entry());
    form->addRow(barcodesLabel, m_barcodes);
    m_vat->setObjectName(u"vatRate"_s);
    connect(m_vat, &VatRateComboBox::loadFailed, m_banner,
            [this](const QString &message) { m_banner->showMessage(message); });
    form->addRow(tr("&VAT:"), m_vat);
    m_category->setObjectName(u"category"_s);
    connect(m_category, &CategoryComboBox::loadFailed, m_banner,
            [this](const QString &message) { m_banner->showMessage(message); });
    form->addRow(tr("Ca&tegory:"), m_category);
    m_byWeight->setObjectName(u"soldByWeight"_s);
    m_byWeight->setToolTip(tr("The price is per kilogram and the stock is counted in grams; "
                              "the scale's label (a barcode starting with 2) gives the weight."));
    form->addRow(QString(), m_byWeight);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ProductDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

QWidget *ProductDialog::fieldFor(const QString &name) const
{
    if (name == u"plu"_s)
        return m_plu;
    if (name == u"price"_s)
        return m_price;
    if (name == u"barcode"_s || name == u"barcodes"_s)
        return m_barcodes->entry();
    if (name == u"vat_rate"_s)
        return m_vat;
    if (name == u"category"_s)
        return m_category;
    return m_name;
}

void ProductDialog::submit()
{
    NewProduct product;
    product.plu = m_plu->text().trimmed();
    product.name = m_name->text();
    // Money is whole kopecks, read from the text as typed: never a double.
    const auto price = m_price->text().trimmed().isEmpty() ? std::optional<qint64>(0)
                                                           : Money::parse(m_price->text());
    if (!price) {
        m_banner->showMessage(
            tr("Price: type an amount such as %1.").arg(Money::formatPlain(12345)));
        m_price->setFocus();
        m_price->selectAll();
        return;
    }
    product.price = *price;
    // A barcode typed (or scanned) but not added yet counts too.
    QStringList barcodes = m_barcodes->barcodes();
    const QString typed = m_barcodes->entry()->text().trimmed();
    if (!typed.isEmpty() && !barcodes.contains(typed))
        barcodes << typed;
    if (auto invalid = ProductStore::validateBarcodes(barcodes)) {
        m_banner->showMessage(invalid->message);
        m_barcodes->entry()->setFocus();
        return;
    }
    product.barcodes = barcodes;
    product.barcode = barcodes.value(0);
    product.soldByWeight = m_byWeight->isChecked();
    product.vatCode = m_vat->currentCode();
    product.categoryId = m_category->currentCategoryId();
    if (auto invalid = ProductStore::validate(product)) {
        m_banner->showMessage(invalid->message);
        fieldFor(invalid->field)->setFocus();
        return;
    }
    m_ok->setEnabled(false);
    whenReady(this, CatalogService(m_actor).create(product), [this](const Result<Product> &result) {
        m_ok->setEnabled(true);
        if (!result) {
            m_banner->showMessage(result.error().message);
            if (!result.error().field.isEmpty())
                fieldFor(result.error().field)->setFocus();
            return;
        }
        m_product = result.value();
        accept();
    });
}

} // namespace shopdesk
