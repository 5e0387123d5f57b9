#include "SettingsPage.h"

#include "ConnectionDialog.h"
#include "models/core/Permissions.h"
#include "models/settings/AppSettings.h"
#include "ui/catalog/VatRatesDialog.h"
#include "ui/common/Icons.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/ShopComboBox.h"
#include "ui/documents/WriteOffSettingsDialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

SettingsPage::SettingsPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_shop(new ShopComboBox(ShopComboBox::Choice::OneShop, this)),
      m_database(new QLabel(this))
{
    auto *heading = createPageTitle(tr("Settings"), this);

    m_shop->setObjectName(u"shopCombo"_s);
    m_shop->setCurrentShopId(session.shop.id);
    connect(m_shop, &ShopComboBox::loadFailed, this,
            [this](const QString &message) { m_banner->showMessage(message); });
    // Only a choice made here moves the till: the list arriving does not.
    connect(m_shop, &QComboBox::currentIndexChanged, this, &SettingsPage::chooseShop);
    auto *shopBox = new QGroupBox(tr("Shop"), this);
    auto *shopForm = new QFormLayout(shopBox);
    shopForm->addRow(tr("This till serves:"), m_shop);

    m_database->setText(session.database.embedded
                            ? tr("Built-in database (%1)").arg(session.database.displayName())
                            : session.database.toRedactedUrl());
    m_database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *change =
        new QPushButton(Icons::icon(Icon::Database), tr("Change database &connection…"), this);
    auto *dbBox = new QGroupBox(tr("Database"), this);
    auto *dbForm = new QFormLayout(dbBox);
    dbForm->addRow(tr("In use:"), m_database);
    dbForm->addRow(QString(), change);

    auto *lowStock = new QSpinBox(this);
    lowStock->setObjectName(u"lowStockThreshold"_s);
    lowStock->setRange(0, 1'000'000);
    lowStock->setSpecialValueText(tr("off"));
    lowStock->setValue(AppSettings().lowStockThreshold());
    lowStock->setToolTip(tr("Pieces on the shelf; kilograms for goods sold by weight."));
    auto *stockBox = new QGroupBox(tr("Stock"), this);
    auto *stockForm = new QFormLayout(stockBox);
    stockForm->addRow(tr("Highlight stock &below:"), lowStock);
    // Write-off reasons and the approval threshold: a manager's.
    auto *writeOffs = new QPushButton(tr("&Write-off reasons and approval…"), this);
    writeOffs->setObjectName(u"writeOffSettings"_s);
    stockForm->addRow(tr("Write-offs:"), writeOffs);
    const bool mayApprove = hasPermission(session.actor.role, Permission::ManageOrders);
    writeOffs->setEnabled(mayApprove);
    if (!mayApprove)
        writeOffs->setToolTip(
            checkPermission(session.actor.role, Permission::ManageOrders)->message);
    connect(writeOffs, &QPushButton::clicked, this, [this] {
        WriteOffSettingsDialog dialog(m_session.actor, this);
        dialog.exec();
    });
    connect(lowStock, &QSpinBox::valueChanged, this, [this](int value) {
        AppSettings().setLowStockThreshold(value);
        emit lowStockThresholdChanged(value);
    });

    auto *till = new QLineEdit(AppSettings().tillName(), this);
    till->setObjectName(u"tillName"_s);
    till->setMaxLength(16);
    till->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9_-]{1,16}"_s), till));
    auto *timeout = new QSpinBox(this);
    timeout->setObjectName(u"paymentTimeout"_s);
    timeout->setRange(1, 24 * 60);
    timeout->setSuffix(tr(" min"));
    timeout->setValue(AppSettings().paymentTimeoutMinutes());
    auto *tillBox = new QGroupBox(tr("Till"), this);
    auto *tillForm = new QFormLayout(tillBox);
    tillForm->addRow(tr("Till &name (in order numbers):"), till);
    tillForm->addRow(tr("Unpaid orders &expire after:"), timeout);
    auto *printer = new QLineEdit(AppSettings().receiptPrinter(), this);
    printer->setObjectName(u"receiptPrinter"_s);
    printer->setPlaceholderText(tr("none; e.g. 192.168.1.50 or printer.local:9100"));
    printer->setValidator(new QRegularExpressionValidator(
        QRegularExpression(u"[A-Za-z0-9.-]{0,253}(:[0-9]{1,5})?"_s), printer));
    tillForm->addRow(tr("Receipt &printer (ESC/POS):"), printer);
    auto *lockAfter = new QSpinBox(this);
    lockAfter->setObjectName(u"lockAfter"_s);
    lockAfter->setRange(0, 24 * 60);
    lockAfter->setSuffix(tr(" min"));
    lockAfter->setSpecialValueText(tr("never"));
    lockAfter->setValue(AppSettings().lockAfterMinutes());
    tillForm->addRow(tr("&Lock the till when idle for:"), lockAfter);
    connect(lockAfter, &QSpinBox::valueChanged, this, [this](int minutes) {
        AppSettings().setLockAfterMinutes(minutes);
        emit lockAfterMinutesChanged(minutes);
    });
    connect(printer, &QLineEdit::editingFinished, this, [printer] {
        if (printer->hasAcceptableInput())
            AppSettings().setReceiptPrinter(printer->text());
    });
    connect(till, &QLineEdit::editingFinished, this, [till] {
        if (till->hasAcceptableInput())
            AppSettings().setTillName(till->text());
    });
    connect(timeout, &QSpinBox::valueChanged, this,
            [](int minutes) { AppSettings().setPaymentTimeoutMinutes(minutes); });

    // The language: each named in itself, so anyone can find their own.
    auto *language = new QComboBox(this);
    language->setObjectName(u"languageCombo"_s);
    language->addItem(tr("Same as the system"), QString());
    language->addItem(u"English"_s, u"en"_s);
    language->addItem(u"Русский"_s, u"ru"_s);
    language->setCurrentIndex(qMax(0, language->findData(AppSettings().language())));
    auto *languageNote =
        new QLabel(tr("The language changes at the next start of ShopDesk."), this);
    languageNote->setWordWrap(true);
    auto *languageBox = new QGroupBox(tr("Language"), this);
    auto *languageForm = new QFormLayout(languageBox);
    languageForm->addRow(tr("&Language:"), language);
    languageForm->addRow(QString(), languageNote);
    connect(language, &QComboBox::currentIndexChanged, this,
            [language] { AppSettings().setLanguage(language->currentData().toString()); });

    // The VAT rates products may carry: a manager's or an administrator's list.
    auto *vatRates = new QPushButton(tr("&VAT rates…"), this);
    vatRates->setObjectName(u"vatRates"_s);
    auto *vatBox = new QGroupBox(tr("VAT"), this);
    auto *vatForm = new QFormLayout(vatBox);
    vatForm->addRow(tr("The rates products can have:"), vatRates);
    const bool mayEditVat = hasPermission(session.actor.role, Permission::ManageVatRates);
    vatRates->setEnabled(mayEditVat);
    if (!mayEditVat)
        vatRates->setToolTip(
            checkPermission(session.actor.role, Permission::ManageVatRates)->message);
    connect(vatRates, &QPushButton::clicked, this, [this] {
        VatRatesDialog dialog(m_session.actor, this);
        dialog.exec();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_banner);
    layout->addWidget(shopBox);
    layout->addWidget(tillBox);
    layout->addWidget(stockBox);
    layout->addWidget(vatBox);
    layout->addWidget(languageBox);
    layout->addWidget(dbBox);
    layout->addStretch(1);

    connect(change, &QPushButton::clicked, this, &SettingsPage::changeConnection);
    // Only a manager or an administrator moves a till to another shop or database.
    const bool mayConfigure = hasPermission(session.actor.role, Permission::ConfigureTill);
    m_shop->setEnabled(mayConfigure);
    till->setEnabled(mayConfigure);
    printer->setEnabled(mayConfigure);
    timeout->setEnabled(mayConfigure);
    lockAfter->setEnabled(mayConfigure);
    change->setEnabled(mayConfigure);
    if (!mayConfigure) {
        m_shop->setToolTip(checkPermission(session.actor.role, Permission::ConfigureTill)->message);
        change->setToolTip(m_shop->toolTip());
    }
}

void SettingsPage::chooseShop()
{
    const auto chosen = m_shop->currentShop();
    if (!chosen)
        return;
    const Shop shop = *chosen;
    AppSettings settings;
    settings.setShopId(shop.id);
    m_session.shop = shop;
    m_banner->showMessage(tr("This till now serves %1.").arg(shop.name),
                          MessageBanner::Type::Positive);
    emit shopChanged(shop);
}

void SettingsPage::changeConnection()
{
    ConnectionDialog dialog(this);
    if (!m_session.database.embedded)
        dialog.setConfig(m_session.database);
    if (dialog.exec() == QDialog::Accepted)
        m_banner->showMessage(tr("The new database connection is used from the next start of "
                                 "ShopDesk."),
                              MessageBanner::Type::Information);
}

} // namespace shopdesk
