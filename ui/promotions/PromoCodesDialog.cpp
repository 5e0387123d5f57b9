#include "PromoCodesDialog.h"

#include "models/catalog/CatalogService.h"
#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/export/CsvWriter.h"
#include "models/promotions/PromoStore.h"
#include "models/promotions/PromotionsService.h"
#include "models/shops/ShopTime.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum Column { Code, Discount, Valid, Minimum, Limits, Uses, GivenOff, Active, ColumnCount };
enum UsesColumn { UsesCode, UsesCount, UsesSales, UsesDiscount, UsesColumnCount };

QString discountText(PromoKind kind, qint64 value)
{
    return kind == PromoKind::Percent ? PromoCodesDialog::tr("%1 %").arg(value)
                                      : Money::format(value);
}

// "5" gives 5, "" no limit; false for anything else.
bool readCount(const QString &text, std::optional<int> *count)
{
    count->reset();
    const QString t = text.trimmed();
    if (t.isEmpty())
        return true;
    bool ok = false;
    const int n = t.toInt(&ok);
    if (ok)
        *count = n;
    return ok;
}

} // namespace

PromoCodesDialog::PromoCodesDialog(const Actor &actor, const QString &shopTimeZone, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_zone(shopTimeZone),
      m_banner(new MessageBanner(this)),
      m_tabs(new QTabWidget(this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_code(new QLineEdit(this)),
      m_kind(new QComboBox(this)),
      m_value(new QLineEdit(this)),
      m_hasFrom(new QCheckBox(tr("F&rom:"), this)),
      m_from(new QDateTimeEdit(this)),
      m_hasUntil(new QCheckBox(tr("U&ntil:"), this)),
      m_until(new QDateTimeEdit(this)),
      m_minTotal(new QLineEdit(this)),
      m_maxUses(new QLineEdit(this)),
      m_maxPerCustomer(new QLineEdit(this)),
      m_products(new QLineEdit(this)),
      m_categories(new QListWidget(this)),
      m_active(new QCheckBox(tr("&Active: the till accepts it"), this)),
      m_automatic(new QCheckBox(tr("Appl&ied automatically, with no code to type"), this)),
      m_problem(new QLabel(this)),
      m_new(new QPushButton(tr("Ne&w code"), this)),
      m_save(new QPushButton(tr("&Save"), this)),
      m_deactivate(new QPushButton(tr("Switch o&ff"), this)),
      m_usesFrom(new QDateEdit(this)),
      m_usesUntil(new QDateEdit(this)),
      m_showUsage(new QPushButton(tr("S&how"), this)),
      m_export(new QPushButton(tr("E&xport CSV…"), this)),
      m_usesTable(new QTableWidget(0, UsesColumnCount, this)),
      m_usesTotal(new QLabel(this))
{
    setWindowTitle(tr("Promo codes"));

    // The list.
    m_table->setObjectName(u"codes"_s);
    m_table->setHorizontalHeaderLabels({tr("Code"), tr("Discount"), tr("Valid"),
                                        tr("Smallest purchase"), tr("Limits"), tr("Uses"),
                                        tr("Given off"), tr("Active")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &PromoCodesDialog::selectionChanged);

    // The form.
    m_code->setObjectName(u"code"_s);
    m_code->setPlaceholderText(tr("e.g. SPRING10"));
    m_code->setMaxLength(32);
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9_-]{0,32}"_s), m_code));
    connect(m_code, &QLineEdit::textEdited, this, [this](const QString &text) {
        // Codes are kept in capitals: shown so as they are typed.
        if (text != text.toUpper()) {
            const int at = m_code->cursorPosition();
            m_code->setText(text.toUpper());
            m_code->setCursorPosition(at);
        }
    });
    m_kind->setObjectName(u"kind"_s);
    m_kind->addItem(tr("Percent off"), int(PromoKind::Percent));
    m_kind->addItem(tr("Amount off"), int(PromoKind::Amount));
    m_value->setObjectName(u"value"_s);
    m_value->setPlaceholderText(tr("e.g. 10"));
    const QString format = u"dd.MM.yyyy HH:mm"_s;
    const QDateTime now = ShopTime::toShop(QDateTime::currentDateTimeUtc(), m_zone);
    for (QDateTimeEdit *edit : {m_from, m_until}) {
        edit->setDisplayFormat(format);
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_hasFrom->setObjectName(u"hasFrom"_s);
    m_hasUntil->setObjectName(u"hasUntil"_s);
    m_from->setObjectName(u"validFrom"_s);
    m_until->setObjectName(u"validUntil"_s);
    m_from->setDateTime(QDateTime(now.date(), QTime(0, 0)));
    m_until->setDateTime(QDateTime(now.date().addDays(7), QTime(0, 0)));
    connect(m_hasFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_hasUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    m_minTotal->setObjectName(u"minTotal"_s);
    m_minTotal->setPlaceholderText(tr("any purchase"));
    m_maxUses->setObjectName(u"maxUses"_s);
    m_maxUses->setPlaceholderText(tr("no limit"));
    m_maxPerCustomer->setObjectName(u"maxUsesPerCustomer"_s);
    m_maxPerCustomer->setPlaceholderText(tr("no limit"));
    m_maxPerCustomer->setToolTip(
        tr("With a limit per customer, the till needs the customer chosen on the sale."));
    m_products->setObjectName(u"products"_s);
    m_products->setPlaceholderText(tr("every product; or PLUs, e.g. 10042, 10070"));
    m_categories->setObjectName(u"categories"_s);
    m_categories->setToolTip(tr("Tick with Space. A code limited to categories discounts their "
                                "products and those of their subcategories; with no category "
                                "and no PLU, every product."));
    m_categories->setMaximumHeight(m_categories->fontMetrics().height() * 6);
    connect(m_categories, &QListWidget::itemChanged, this, &PromoCodesDialog::validateForm);
    m_active->setObjectName(u"active"_s);
    m_active->setChecked(true);
    m_automatic->setObjectName(u"automatic"_s);
    m_automatic->setToolTip(tr("The till takes it off every sale it suits when no code is "
                               "typed (the one that takes most off when several do); its "
                               "code is only its name."));
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    // Always two lines high, empty or not: the form does not jump as it is typed.
    m_problem->setMinimumHeight(m_problem->fontMetrics().lineSpacing() * 2);
    m_new->setObjectName(u"new"_s);
    m_save->setObjectName(u"save"_s);
    m_save->setDefault(true);
    m_deactivate->setObjectName(u"deactivate"_s);
    m_deactivate->setToolTip(tr("The till refuses a code switched off; tick Active to take "
                                "it back."));

    auto *formBox = new QGroupBox(tr("Promo code"), this);
    auto *form = new QFormLayout(formBox);
    form->addRow(tr("&Code:"), m_code);
    auto *discountRow = new QHBoxLayout;
    discountRow->addWidget(m_kind);
    discountRow->addWidget(m_value, 1);
    auto *discountLabel = new QLabel(tr("&Discount:"), this);
    discountLabel->setBuddy(m_kind);
    form->addRow(discountLabel, discountRow);
    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(m_hasFrom);
    windowRow->addWidget(m_from, 1);
    windowRow->addWidget(m_hasUntil);
    windowRow->addWidget(m_until, 1);
    form->addRow(tr("Valid:"), windowRow);
    form->addRow(tr("S&mallest purchase:"), m_minTotal);
    form->addRow(tr("Uses in a&ll:"), m_maxUses);
    form->addRow(tr("Uses per cus&tomer:"), m_maxPerCustomer);
    form->addRow(tr("On &products:"), m_products);
    form->addRow(tr("In cate&gories:"), m_categories);
    form->addRow(QString(), m_active);
    form->addRow(QString(), m_automatic);
    form->addRow(m_problem);
    auto *formButtons = new QHBoxLayout;
    formButtons->addWidget(m_new);
    formButtons->addStretch(1);
    formButtons->addWidget(m_deactivate);
    formButtons->addWidget(m_save);
    form->addRow(formButtons);

    auto *codesPage = new QWidget(this);
    auto *codesLayout = new QVBoxLayout(codesPage);
    codesLayout->addWidget(m_table, 1);
    codesLayout->addWidget(formBox);

    // The uses report.
    m_usesFrom->setObjectName(u"usesFrom"_s);
    m_usesUntil->setObjectName(u"usesUntil"_s);
    for (QDateEdit *edit : {m_usesFrom, m_usesUntil}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"dd.MM.yyyy"_s);
    }
    m_usesFrom->setDate(QDate(now.date().year(), now.date().month(), 1));
    m_usesUntil->setDate(now.date());
    m_showUsage->setObjectName(u"showUsage"_s);
    m_export->setObjectName(u"exportUsage"_s);
    m_export->setEnabled(false);
    m_usesTable->setObjectName(u"uses"_s);
    m_usesTable->setHorizontalHeaderLabels(
        {tr("Code"), tr("Uses"), tr("Sales before discount"), tr("Discount given")});
    m_usesTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_usesTable->verticalHeader()->hide();
    m_usesTable->horizontalHeader()->setStretchLastSection(true);
    m_usesTotal->setObjectName(u"usesTotal"_s);
    auto *period = new QHBoxLayout;
    auto *fromLabel = new QLabel(tr("Paid &from:"), this);
    fromLabel->setBuddy(m_usesFrom);
    auto *untilLabel = new QLabel(tr("t&o:"), this);
    untilLabel->setBuddy(m_usesUntil);
    period->addWidget(fromLabel);
    period->addWidget(m_usesFrom);
    period->addWidget(untilLabel);
    period->addWidget(m_usesUntil);
    period->addWidget(m_showUsage);
    period->addStretch(1);
    period->addWidget(m_export);
    auto *usesPage = new QWidget(this);
    auto *usesLayout = new QVBoxLayout(usesPage);
    usesLayout->addLayout(period);
    usesLayout->addWidget(m_usesTable, 1);
    usesLayout->addWidget(m_usesTotal);

    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->addTab(codesPage, tr("Cod&es"));
    m_tabs->addTab(usesPage, tr("&Uses and cost"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_new, &QPushButton::clicked, this, &PromoCodesDialog::startNew);
    connect(m_save, &QPushButton::clicked, this, &PromoCodesDialog::save);
    connect(m_deactivate, &QPushButton::clicked, this, &PromoCodesDialog::deactivate);
    connect(m_showUsage, &QPushButton::clicked, this, &PromoCodesDialog::loadUsage);
    connect(m_export, &QPushButton::clicked, this, &PromoCodesDialog::chooseExport);
    auto *newKey = new QShortcut(QKeySequence::New, this);
    connect(newKey, &QShortcut::activated, this, &PromoCodesDialog::startNew);
    m_new->setToolTip(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));

    // Checked as it is typed.
    for (QLineEdit *edit : {m_code, m_value, m_minTotal, m_maxUses, m_maxPerCustomer, m_products})
        connect(edit, &QLineEdit::textChanged, this, &PromoCodesDialog::validateForm);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PromoCodesDialog::validateForm);
    for (QCheckBox *box : {m_hasFrom, m_hasUntil, m_active, m_automatic})
        connect(box, &QCheckBox::toggled, this, &PromoCodesDialog::validateForm);
    for (QDateTimeEdit *edit : {m_from, m_until})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &PromoCodesDialog::validateForm);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    setMinimumSize(820, 640);
    startNew();
    reload();
    whenReady(this, CatalogService(m_actor).categories(),
              [this](const Result<QList<Category>> &categories) {
                  if (!categories) {
                      m_banner->showMessage(categories.error().message);
                      return;
                  }
                  QList<Category> sorted = categories.value();
                  std::sort(sorted.begin(), sorted.end(), [](const Category &a, const Category &b) {
                      return QString::localeAwareCompare(a.path, b.path) < 0;
                  });
                  const QSignalBlocker quiet(m_categories);
                  for (const Category &c : std::as_const(sorted)) {
                      auto *item = new QListWidgetItem(c.path, m_categories);
                      item->setData(Qt::UserRole, c.id);
                      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable |
                                     Qt::ItemIsUserCheckable);
                      item->setCheckState(Qt::Unchecked);
                  }
                  checkCategories(m_formCategories);
              });
}

void PromoCodesDialog::checkCategories(const QList<qint64> &ids)
{
    m_formCategories = ids;
    {
        const QSignalBlocker quiet(m_categories);
        for (int row = 0; row < m_categories->count(); ++row) {
            QListWidgetItem *item = m_categories->item(row);
            item->setCheckState(
                ids.contains(item->data(Qt::UserRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    validateForm();
}

QList<qint64> PromoCodesDialog::checkedCategories() const
{
    // Until the list has come, the form's code keeps the categories it had.
    if (m_categories->count() == 0)
        return m_formCategories;
    QList<qint64> ids;
    for (int row = 0; row < m_categories->count(); ++row) {
        const QListWidgetItem *item = m_categories->item(row);
        if (item->checkState() == Qt::Checked)
            ids << item->data(Qt::UserRole).toLongLong();
    }
    return ids;
}

void PromoCodesDialog::reload(qint64 select)
{
    whenReady(this, PromotionsService(m_actor).list(),
              [this, select](const Result<QList<PromoCode>> &codes) {
                  m_loaded = true;
                  if (codes)
                      showCodes(codes.value(), select);
                  else
                      m_banner->showMessage(codes.error().message);
                  emit loaded();
              });
}

QString PromoCodesDialog::windowText(const PromoCode &code) const
{
    const auto at = [this](const QDateTime &t) {
        return ShopTime::format(t, m_zone);
    };
    if (code.validFrom.isValid() && code.validUntil.isValid())
        return tr("%1 – %2").arg(at(code.validFrom), at(code.validUntil));
    if (code.validFrom.isValid())
        return tr("from %1").arg(at(code.validFrom));
    if (code.validUntil.isValid())
        return tr("until %1").arg(at(code.validUntil));
    return tr("always");
}

void PromoCodesDialog::showCodes(const QList<PromoCode> &codes, qint64 select)
{
    const QSignalBlocker quiet(m_table);
    m_codes = codes;
    m_table->clearSelection();
    m_table->setRowCount(int(codes.size()));
    for (int row = 0; row < codes.size(); ++row) {
        const PromoCode &c = codes.at(row);
        QStringList limits;
        if (c.maxUses)
            limits << tr("%Ln in all", nullptr, *c.maxUses);
        if (c.maxUsesPerCustomer)
            limits << tr("%Ln per customer", nullptr, *c.maxUsesPerCustomer);
        QString discount = discountText(c.kind, c.value);
        if (!c.plus.isEmpty())
            discount = tr("%1 on %Ln product(s)", nullptr, int(c.plus.size())).arg(discount);
        if (!c.categories.isEmpty())
            discount = tr("%1 in %2").arg(discount, c.categories.join(u", "_s));
        if (c.automatic)
            discount = tr("%1, automatic").arg(discount);
        if (c.fromCentral)
            discount = tr("%1 (head office)").arg(discount);
        const QStringList cells {c.code, discount, windowText(c),
                                 // As the form's empty fields say: never a blank cell
                                 // that could be read as "not set yet" or "none allowed".
                                 c.minTotal > 0 ? Money::format(c.minTotal) : tr("any purchase"),
                                 limits.isEmpty() ? tr("no limit") : limits.join(u", "_s),
                                 QString::number(c.uses), Money::format(c.discountGiven),
                                 c.active ? tr("yes") : tr("no")};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (c.id == select)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    if (select == 0 || m_table->selectedItems().isEmpty())
        return;
    selectionChanged();
}

void PromoCodesDialog::selectionChanged()
{
    const int row = m_table->currentRow();
    if (m_table->selectedItems().isEmpty() || row < 0 || row >= m_codes.size())
        return;
    edit(m_codes.at(row));
}

void PromoCodesDialog::startNew()
{
    m_editing = 0;
    m_fromCentral = false;
    {
        const QSignalBlocker quiet(m_table);
        m_table->clearSelection();
    }
    m_code->clear();
    m_code->setReadOnly(false);
    m_kind->setCurrentIndex(0);
    m_value->clear();
    m_hasFrom->setChecked(false);
    m_hasUntil->setChecked(false);
    m_minTotal->clear();
    m_maxUses->clear();
    m_maxPerCustomer->clear();
    m_products->clear();
    checkCategories({});
    m_active->setChecked(true);
    m_automatic->setChecked(false);
    m_deactivate->setEnabled(false);
    m_tabs->setCurrentIndex(0);
    m_code->setFocus();
    validateForm();
}

void PromoCodesDialog::edit(const PromoCode &code)
{
    m_editing = code.id;
    m_fromCentral = code.fromCentral;
    m_code->setText(code.code);
    m_code->setReadOnly(true); // the natural key never changes
    m_kind->setCurrentIndex(code.kind == PromoKind::Percent ? 0 : 1);
    m_value->setText(code.kind == PromoKind::Percent ? QString::number(code.value)
                                                     : Money::formatPlain(code.value));
    m_hasFrom->setChecked(code.validFrom.isValid());
    if (code.validFrom.isValid())
        m_from->setDateTime(ShopTime::toShop(code.validFrom, m_zone));
    m_hasUntil->setChecked(code.validUntil.isValid());
    if (code.validUntil.isValid())
        m_until->setDateTime(ShopTime::toShop(code.validUntil, m_zone));
    m_minTotal->setText(code.minTotal > 0 ? Money::formatPlain(code.minTotal) : QString());
    m_maxUses->setText(code.maxUses ? QString::number(*code.maxUses) : QString());
    m_maxPerCustomer->setText(code.maxUsesPerCustomer ? QString::number(*code.maxUsesPerCustomer)
                                                      : QString());
    m_products->setText(code.plus.join(u", "_s));
    checkCategories(code.categoryIds);
    m_active->setChecked(code.active);
    m_automatic->setChecked(code.automatic);
    m_deactivate->setEnabled(code.active && !code.fromCentral);
    validateForm();
}

std::optional<PromoCodeInput> PromoCodesDialog::formInput(StoreError *error) const
{
    PromoCodeInput input;
    input.id = m_editing;
    input.code = m_code->text();
    input.kind = PromoKind(m_kind->currentData().toInt());
    const QString value = m_value->text().trimmed();
    if (input.kind == PromoKind::Percent) {
        bool ok = false;
        input.value = QString(value).remove(u'%').trimmed().toLongLong(&ok);
        if (!ok) {
            *error = StoreError::invalid(
                u"value"_s, tr("Type the percentage off: a whole number from 1 to 100."));
            return std::nullopt;
        }
    } else {
        const auto amount =
            value.startsWith(u'-') ? std::optional<qint64>(-1) : Money::parse(value);
        if (!amount) {
            *error =
                StoreError::invalid(u"value"_s, tr("Type the amount off, such as 50 or 49.90."));
            return std::nullopt;
        }
        input.value = *amount;
    }
    const QTimeZone zone = ShopTime::zone(m_zone);
    if (m_hasFrom->isChecked())
        input.validFrom = QDateTime(m_from->date(), m_from->time(), zone);
    if (m_hasUntil->isChecked())
        input.validUntil = QDateTime(m_until->date(), m_until->time(), zone);
    if (!m_minTotal->text().trimmed().isEmpty()) {
        const auto min = Money::parse(m_minTotal->text());
        if (!min) {
            *error = StoreError::invalid(
                u"min_total"_s, tr("Type the smallest purchase as an amount, or leave it empty."));
            return std::nullopt;
        }
        input.minTotal = *min;
    }
    if (!readCount(m_maxUses->text(), &input.maxUses)) {
        *error = StoreError::invalid(
            u"max_uses"_s, tr("Type the uses in all as a whole number, or leave it empty."));
        return std::nullopt;
    }
    if (!readCount(m_maxPerCustomer->text(), &input.maxUsesPerCustomer)) {
        *error = StoreError::invalid(
            u"max_uses_per_customer"_s,
            tr("Type the uses per customer as a whole number, or leave it empty."));
        return std::nullopt;
    }
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    input.plus = m_products->text().split(separators, Qt::SkipEmptyParts);
    input.categoryIds = checkedCategories();
    input.active = m_active->isChecked();
    input.automatic = m_automatic->isChecked();
    if (auto invalid = PromoStore::validate(input)) {
        *error = *invalid;
        return std::nullopt;
    }
    return input;
}

void PromoCodesDialog::validateForm()
{
    StoreError error;
    const bool valid = formInput(&error).has_value();
    m_save->setEnabled(valid && !m_fromCentral);
    // A code from the head office is shown, not changed (PromoStore refuses).
    const QString problem = m_fromCentral
        ? tr("This code comes from the head office: it is changed there, and reaches this shop "
             "with the catalog.")
        : valid ? QString()
                : error.message;
    m_problem->setText(problem);
}

QWidget *PromoCodesDialog::fieldFor(const QString &name) const
{
    if (name == u"value"_s)
        return m_value;
    if (name == u"valid_until"_s)
        return m_until;
    if (name == u"min_total"_s)
        return m_minTotal;
    if (name == u"max_uses"_s)
        return m_maxUses;
    if (name == u"max_uses_per_customer"_s)
        return m_maxPerCustomer;
    if (name == u"products"_s)
        return m_products;
    if (name == u"categories"_s)
        return m_categories;
    return m_code;
}

void PromoCodesDialog::save()
{
    StoreError error;
    const auto input = formInput(&error);
    if (!input) {
        m_banner->showMessage(error.message);
        fieldFor(error.field)->setFocus();
        return;
    }
    m_save->setEnabled(false);
    whenReady(this, PromotionsService(m_actor).save(*input),
              [this](const Result<PromoCode> &saved) {
                  if (!saved) {
                      m_banner->showMessage(saved.error().message);
                      validateForm();
                      fieldFor(saved.error().field)->setFocus();
                      return;
                  }
                  m_banner->showMessage(tr("Promo code %1 saved.").arg(saved->code),
                                        MessageBanner::Type::Positive);
                  edit(saved.value());
                  reload(saved->id);
              });
}

void PromoCodesDialog::deactivate()
{
    if (m_editing == 0)
        return;
    m_deactivate->setEnabled(false);
    whenReady(this, PromotionsService(m_actor).deactivate(m_editing),
              [this](const Result<PromoCode> &done) {
                  if (!done) {
                      m_banner->showMessage(done.error().message);
                      validateForm();
                      return;
                  }
                  m_banner->showMessage(
                      tr("Promo code %1 is switched off: the till refuses it.").arg(done->code),
                      MessageBanner::Type::Positive);
                  edit(done.value());
                  reload(done->id);
              });
}

void PromoCodesDialog::loadUsage()
{
    const QTimeZone zone = ShopTime::zone(m_zone);
    const QDateTime from(m_usesFrom->date(), QTime(0, 0), zone);
    const QDateTime until(m_usesUntil->date().addDays(1), QTime(0, 0), zone);
    m_showUsage->setEnabled(false);
    whenReady(this, PromotionsService(m_actor).usage(from, until),
              [this](const Result<QList<PromoUsage>> &rows) {
                  m_showUsage->setEnabled(true);
                  if (rows)
                      showUsage(rows.value());
                  else
                      m_banner->showMessage(rows.error().message);
                  emit usageLoaded();
              });
}

void PromoCodesDialog::showUsage(const QList<PromoUsage> &rows)
{
    m_usage = rows;
    m_usesTable->setRowCount(int(rows.size()));
    int uses = 0;
    qint64 discount = 0;
    for (int row = 0; row < rows.size(); ++row) {
        const PromoUsage &u = rows.at(row);
        const QStringList cells {u.code, QString::number(u.uses), Money::format(u.subtotal),
                                 Money::format(u.discount)};
        for (int column = 0; column < UsesColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column != UsesCode)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_usesTable->setItem(row, column, item);
        }
        uses += u.uses;
        discount += u.discount;
    }
    m_usesTable->resizeColumnsToContents();
    m_usesTotal->setText(
        rows.isEmpty()
            ? tr("No promo code was used in this period.")
            : tr("%Ln use(s), %1 given off in all.", nullptr, uses).arg(Money::format(discount)));
    m_export->setEnabled(!rows.isEmpty());
}

bool PromoCodesDialog::exportUsage(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(CsvWriter::line(
        {tr("Code"), tr("Uses"), tr("Sales before discount"), tr("Discount given")}));
    for (const PromoUsage &u : m_usage)
        file.write(CsvWriter::line(
            {u.code, QString::number(u.uses), Money::plain(u.subtotal), Money::plain(u.discount)}));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void PromoCodesDialog::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the uses report"), tr("promo-code-uses.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportUsage(path, &error))
        m_banner->showMessage(tr("Saved to %1.").arg(path), MessageBanner::Type::Positive);
    else
        m_banner->showMessage(tr("Could not save %1: %2").arg(path, error));
}

} // namespace shopdesk
