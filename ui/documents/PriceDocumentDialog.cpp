#include "PriceDocumentDialog.h"

#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/documents/PriceLinesModel.h"
#include "models/shops/ShopTime.h"
#include "ui/common/CategoryComboBox.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The example price the rule is shown on.
constexpr qint64 kExamplePrice = 9990;

} // namespace

PriceDocumentDialog::PriceDocumentDialog(const Session &session, qint64 documentId, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_service(session.actor),
      m_banner(new MessageBanner(this)),
      m_title(new QLabel(this)),
      m_reason(new QLineEdit(this)),
      m_starts(new QComboBox(this)),
      m_from(new QDateTimeEdit(this)),
      m_selectBy(new QComboBox(this)),
      m_selectText(new QLineEdit(this)),
      m_selectCategory(new CategoryComboBox(this)),
      m_ruleKind(new QComboBox(this)),
      m_value(new QDoubleSpinBox(this)),
      m_step(new QComboBox(this)),
      m_direction(new QComboBox(this)),
      m_endIn99(new QCheckBox(tr("End in .&99"), this)),
      m_example(new QLabel(this)),
      m_add(new QPushButton(tr("&Add"), this)),
      m_table(new QTableView(this)),
      m_lines(new PriceLinesModel(m_service, this)),
      m_summary(new QLabel(this)),
      m_remove(new QPushButton(tr("&Remove lines"), this)),
      m_post(new QPushButton(tr("&Post…"), this)),
      m_cancelDocument(new QPushButton(tr("Cancel the &document…"), this)),
      m_editing(new QWidget(this))
{
    setObjectName(u"priceDocumentDialog"_s);
    setWindowTitle(tr("Price change"));
    m_document.id = documentId;
    m_title->setObjectName(u"title"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_title->setFont(big);

    // The header.
    m_reason->setObjectName(u"reason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("for example: new supplier prices"));
    m_starts->setObjectName(u"starts"_s);
    m_starts->addItem(tr("when posted"));
    m_starts->addItem(tr("from a later moment"));
    m_from->setObjectName(u"validFrom"_s);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    // Tomorrow's opening in the shop's zone is the usual start.
    const QDateTime shopNow =
        ShopTime::toShop(QDateTime::currentDateTimeUtc(), session.shop.timeZone);
    m_from->setDateTime(QDateTime(shopNow.date().addDays(1), QTime(8, 0)));
    connect(m_starts, &QComboBox::currentIndexChanged, this, &PriceDocumentDialog::updateEnabled);
    auto *startsRow = new QHBoxLayout;
    startsRow->addWidget(m_starts);
    startsRow->addWidget(m_from);
    startsRow->addStretch(1);
    auto *headerForm = new QFormLayout;
    headerForm->addRow(tr("&Reason:"), m_reason);
    auto *startsLabel = new QLabel(tr("Prices &start:"), this);
    startsLabel->setBuddy(m_starts);
    headerForm->addRow(startsLabel, startsRow);

    // What to add and with which price.
    m_selectBy->setObjectName(u"selectBy"_s);
    m_selectBy->addItem(tr("PLUs"));
    m_selectBy->addItem(tr("Name contains"));
    m_selectBy->addItem(tr("All products"));
    m_selectBy->addItem(tr("A category (with its subcategories)"));
    m_selectCategory->setObjectName(u"selectCategory"_s);
    m_selectCategory->hide();
    connect(m_selectCategory, &CategoryComboBox::loadFailed, this, [this](const QString &message) {
        refuse(StoreError::invalid(u"category"_s, message));
    });
    m_selectText->setObjectName(u"selectText"_s);
    m_ruleKind->setObjectName(u"ruleKind"_s);
    m_ruleKind->addItem(tr("Set the price to"));
    m_ruleKind->addItem(tr("Change by"));
    m_value->setObjectName(u"ruleValue"_s);
    m_value->setDecimals(2);
    m_step->setObjectName(u"roundTo"_s);
    m_step->addItem(tr("to the kopeck"), 1);
    m_step->addItem(tr("to 10 kopecks"), 10);
    m_step->addItem(tr("to the ruble"), 100);
    m_step->addItem(tr("to 10 rubles"), 1000);
    m_direction->setObjectName(u"roundDirection"_s);
    m_direction->addItem(tr("nearest"), int(PriceRounding::Direction::Nearest));
    m_direction->addItem(tr("up"), int(PriceRounding::Direction::Up));
    m_direction->addItem(tr("down"), int(PriceRounding::Direction::Down));
    m_endIn99->setObjectName(u"endIn99"_s);
    m_example->setObjectName(u"example"_s);
    m_add->setObjectName(u"add"_s);
    m_add->setDefault(false);
    m_add->setAutoDefault(false);
    // Enter belongs to the field it is pressed in (the PLUs add, a price
    // cell commits), never to a button of the dialog.
    m_remove->setAutoDefault(false);

    auto *selectRow = new QHBoxLayout;
    auto *productsLabel = new QLabel(tr("Pro&ducts:"), this);
    productsLabel->setBuddy(m_selectBy);
    selectRow->addWidget(productsLabel);
    selectRow->addWidget(m_selectBy);
    selectRow->addWidget(m_selectText, 1);
    selectRow->addWidget(m_selectCategory, 1);
    auto *ruleRow = new QHBoxLayout;
    auto *priceLabel = new QLabel(tr("Pri&ce:"), this);
    priceLabel->setBuddy(m_ruleKind);
    ruleRow->addWidget(priceLabel);
    ruleRow->addWidget(m_ruleKind);
    ruleRow->addWidget(m_value);
    ruleRow->addWidget(new QLabel(tr("rounded"), this));
    ruleRow->addWidget(m_step);
    ruleRow->addWidget(m_direction);
    ruleRow->addWidget(m_endIn99);
    ruleRow->addStretch(1);
    ruleRow->addWidget(m_add);
    m_addBox = new QGroupBox(tr("Add products"), this);
    auto *addColumn = new QVBoxLayout(m_addBox);
    addColumn->addLayout(selectRow);
    addColumn->addLayout(ruleRow);
    addColumn->addWidget(m_example);

    auto *editingColumn = new QVBoxLayout(m_editing);
    editingColumn->setContentsMargins(0, 0, 0, 0);
    editingColumn->addLayout(headerForm);
    editingColumn->addWidget(m_addBox);

    m_table->setObjectName(u"lines"_s);
    m_table->setModel(m_lines);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(PriceLinesModel::Name, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_summary->setObjectName(u"summary"_s);
    m_remove->setObjectName(u"remove"_s);
    m_post->setObjectName(u"post"_s);
    m_cancelDocument->setObjectName(u"cancelDocument"_s);
    m_post->setToolTip(
        tr("Changes every price of the document at once (%1)")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    m_remove->setToolTip(
        tr("Takes the selected lines off the draft (%1)")
            .arg(QKeySequence(QKeySequence::Delete).toString(QKeySequence::NativeText)));

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_summary, 1);
    footer->addWidget(m_remove);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_cancelDocument, QDialogButtonBox::DestructiveRole);
    buttons->addButton(m_post, QDialogButtonBox::ActionRole);
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addWidget(m_title);
    column->addWidget(m_editing);
    column->addWidget(m_table, 1);
    column->addLayout(footer);
    column->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &PriceDocumentDialog::addProducts);
    connect(m_selectText, &QLineEdit::returnPressed, this, &PriceDocumentDialog::addProducts);
    connect(m_remove, &QPushButton::clicked, this, &PriceDocumentDialog::removeSelected);
    connect(m_post, &QPushButton::clicked, this, &PriceDocumentDialog::post);
    connect(m_cancelDocument, &QPushButton::clicked, this, &PriceDocumentDialog::cancelDocument);
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_table);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &PriceDocumentDialog::removeSelected);
    auto *postKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(postKey, &QShortcut::activated, this, &PriceDocumentDialog::post);
    connect(m_selectBy, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_selectText->setPlaceholderText(index == 0 ? tr("PLUs, separated by spaces or commas")
                                                    : tr("a part of the name"));
        updateEnabled();
    });
    m_selectText->setPlaceholderText(tr("PLUs, separated by spaces or commas"));
    connect(m_selectCategory, &CategoryComboBox::categoriesLoaded, this,
            &PriceDocumentDialog::updateEnabled);
    connect(m_ruleKind, &QComboBox::currentIndexChanged, this,
            &PriceDocumentDialog::updateRuleFields);
    for (QComboBox *box : {m_step, m_direction})
        connect(box, &QComboBox::currentIndexChanged, this, &PriceDocumentDialog::updateExample);
    connect(m_value, &QDoubleSpinBox::valueChanged, this, &PriceDocumentDialog::updateExample);
    connect(m_endIn99, &QCheckBox::toggled, this, &PriceDocumentDialog::updateExample);
    connect(m_lines, &PriceLinesModel::refused, this,
            [this](const QString &message) { refuse(StoreError::invalid(u"price"_s, message)); });
    connect(m_lines, &PriceLinesModel::loaded, this, [this] {
        if (!m_busy)
            m_summary->setText(tr("%Ln product(s)", nullptr, int(m_document.lineCount)));
    });
    updateRuleFields();
    resize(900, 620);
    m_selectText->setFocus();
    load();
}

void PriceDocumentDialog::load()
{
    if (m_document.id == 0) {
        showDocument(m_document);
        return;
    }
    whenReady(this, m_service.priceDocument(m_document.id),
              [this](const Result<PriceDocument> &document) {
                  if (!document) {
                      refuse(document.error());
                      return;
                  }
                  showDocument(document.value());
                  m_lines->setDocument(document->id, document->status == DocumentStatus::Draft);
              });
}

void PriceDocumentDialog::showDocument(const PriceDocument &document)
{
    m_document = document;
    m_shown = true;
    const QString zone = m_session.shop.timeZone;
    if (document.id == 0) {
        m_title->setText(tr("New price change"));
    } else if (document.status == DocumentStatus::Posted) {
        m_title->setText(tr("Price change No. %1 — posted %2 by %3; %Ln price(s) changed", nullptr,
                            document.changed)
                             .arg(document.id)
                             .arg(ShopTime::format(document.postedAt, zone), document.postedBy));
    } else {
        m_title->setText(tr("Price change No. %1 — %2")
                             .arg(document.id)
                             .arg(documentStatusText(document.status)));
    }
    m_reason->setText(document.reason);
    m_starts->setCurrentIndex(document.validFrom.isValid() ? 1 : 0);
    if (document.validFrom.isValid()) {
        const QDateTime local = ShopTime::toShop(document.validFrom, zone);
        m_from->setDateTime(QDateTime(local.date(), local.time()));
    }
    updateEnabled();
    if (!m_busy)
        m_summary->setText(tr("%Ln product(s)", nullptr, int(document.lineCount)));
    if (document.id > 0)
        setWindowTitle(tr("Price change No. %1").arg(document.id));
    emit documentShown();
}

void PriceDocumentDialog::updateRuleFields()
{
    const bool percent = m_ruleKind->currentIndex() == 1;
    const QSignalBlocker blocker(m_value);
    if (percent) {
        m_value->setRange(PriceRule::kMinPercent / 100.0, PriceRule::kMaxPercent / 100.0);
        m_value->setSuffix(u" %"_s);
        m_value->setValue(5);
    } else {
        m_value->setRange(0, PriceRule::kMaxPrice / 100.0);
        m_value->setSuffix({});
        m_value->setValue(0);
    }
    updateEnabled();
    updateExample();
}

void PriceDocumentDialog::updateExample()
{
    const std::optional<PriceRule> r = rule(true);
    if (!r || r->kind == PriceRule::Kind::SetPrice) {
        m_example->clear();
        return;
    }
    const auto price = r->apply(kExamplePrice);
    m_example->setText(price ? tr("For example, %1 becomes %2.")
                                   .arg(Money::format(kExamplePrice), Money::format(price.value()))
                             : price.error().message);
}

std::optional<PriceRule> PriceDocumentDialog::rule(bool quiet)
{
    PriceRule r;
    if (m_ruleKind->currentIndex() == 0) {
        r = PriceRule::setPrice(std::llround(m_value->value() * 100));
    } else {
        PriceRounding rounding;
        rounding.step = m_step->currentData().toLongLong();
        rounding.direction = PriceRounding::Direction(m_direction->currentData().toInt());
        rounding.endIn99 = m_endIn99->isChecked();
        r = PriceRule::changeByPercent(int(std::lround(m_value->value() * 100)), rounding);
    }
    if (auto invalid = r.check()) {
        if (!quiet)
            refuse(*invalid);
        return std::nullopt;
    }
    return r;
}

PriceSelection PriceDocumentDialog::selection() const
{
    switch (PriceSelection::Kind(m_selectBy->currentIndex())) {
    case PriceSelection::Kind::Plus:
        return PriceSelection::byPlus(
            m_selectText->text().split(QRegularExpression(u"[\\s,;]+"_s), Qt::SkipEmptyParts));
    case PriceSelection::Kind::NameContains:
        return PriceSelection::byName(m_selectText->text());
    case PriceSelection::Kind::AllProducts:
        break;
    case PriceSelection::Kind::Category:
        return PriceSelection::byCategory(m_selectCategory->currentCategoryId());
    }
    return PriceSelection::all();
}

PriceDocumentHeader PriceDocumentDialog::header() const
{
    PriceDocumentHeader h;
    h.reason = m_reason->text().trimmed();
    if (m_starts->currentIndex() == 1)
        h.validFrom =
            QDateTime(m_from->date(), m_from->time(), ShopTime::zone(m_session.shop.timeZone))
                .toUTC();
    return h;
}

void PriceDocumentDialog::saveHeaderThen(std::function<void(const PriceDocument &)> next)
{
    const PriceDocumentHeader h = header();
    const auto saved = [this, next = std::move(next)](const Result<PriceDocument> &document) {
        if (!document) {
            setBusy(false);
            refuse(document.error());
            return;
        }
        showDocument(document.value());
        next(document.value());
    };
    if (m_document.id == 0) {
        whenReady(this, m_service.createPriceDocument(h), saved);
        return;
    }
    if (h.reason == m_document.reason && h.validFrom == m_document.validFrom) {
        saved(m_document);
        return;
    }
    whenReady(this, m_service.updatePriceDocument(m_document.id, h), saved);
}

void PriceDocumentDialog::addProducts()
{
    if (m_busy) {
        if (m_stop)
            m_stop->store(true);
        return;
    }
    if (!isDraft())
        return;
    const std::optional<PriceRule> r = rule(false);
    if (!r)
        return;
    const PriceSelection chosen = selection();
    if (chosen.kind == PriceSelection::Kind::Category && chosen.categoryId == 0) {
        refuse(StoreError::invalid(u"category"_s, tr("Products: choose a category.")));
        m_selectCategory->setFocus();
        return;
    }
    if (chosen.kind != PriceSelection::Kind::AllProducts &&
        chosen.kind != PriceSelection::Kind::Category && m_selectText->text().trimmed().isEmpty()) {
        refuse(StoreError::invalid(u"text"_s,
                                   chosen.kind == PriceSelection::Kind::Plus
                                       ? tr("Products: type one PLU or more.")
                                       : tr("Products: type a part of the name.")));
        m_selectText->setFocus();
        return;
    }
    m_banner->hideMessage();
    m_stop = std::make_shared<std::atomic_bool>(false);
    setBusy(true, tr("Adding products…"));
    saveHeaderThen([this, chosen, rule = *r, stop = m_stop](const PriceDocument &document) {
        whenReady(this, m_service.addPriceLines(document.id, chosen, rule, stop),
                  [this](const Result<int> &added) {
                      setBusy(false);
                      if (!added) {
                          refuse(added.error());
                          return;
                      }
                      m_banner->showMessage(tr("%Ln product(s) added.", nullptr, added.value()),
                                            MessageBanner::Type::Positive);
                      m_selectText->clear();
                      emit linesAdded(added.value());
                      load();
                  });
    });
}

void PriceDocumentDialog::removeSelected()
{
    if (m_busy || !isDraft() || m_document.id == 0)
        return;
    QList<qint64> products;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        products << m_lines->productIdAt(index.row());
    if (products.isEmpty()) {
        m_banner->showMessage(tr("Select the lines to remove first."),
                              MessageBanner::Type::Information);
        return;
    }
    setBusy(true);
    whenReady(this, m_service.removePriceLines(m_document.id, products),
              [this](const Result<int> &removed) {
                  setBusy(false);
                  if (!removed) {
                      refuse(removed.error());
                      return;
                  }
                  m_banner->showMessage(tr("%Ln line(s) removed.", nullptr, removed.value()),
                                        MessageBanner::Type::Information);
                  load();
              });
}

void PriceDocumentDialog::post()
{
    if (m_busy || !isDraft() || m_document.lineCount == 0)
        return;
    const PriceDocumentHeader h = header();
    const int count = int(m_document.lineCount);
    const QString when = h.validFrom.isValid()
        ? tr("The new prices of %Ln product(s) start %1.", nullptr, count)
              .arg(ShopTime::format(h.validFrom, m_session.shop.timeZone))
        : tr("The prices of %Ln product(s) change now, and the till charges them from the next "
             "scan.",
             nullptr, count);
    if (!Confirm::ask(this, tr("Post the price change"),
                      when + u"\n\n"_s + tr("A posted document cannot be changed. Post it?")))
        return;
    setBusy(true, tr("Posting…"));
    saveHeaderThen([this](const PriceDocument &document) {
        whenReady(this, m_service.postPriceDocument(document.id),
                  [this](const Result<PriceDocument> &result) {
                      setBusy(false);
                      if (!result) {
                          refuse(result.error());
                          load();
                          return;
                      }
                      showDocument(result.value());
                      m_lines->setDocument(result->id, false);
                      m_banner->showMessage(
                          tr("Posted: %Ln price(s) changed; their shelf labels are in the label "
                             "queue.",
                             nullptr, result->changed),
                          MessageBanner::Type::Positive);
                      emit posted();
                  });
    });
}

void PriceDocumentDialog::cancelDocument()
{
    if (m_busy || !isDraft() || m_document.id == 0)
        return;
    if (!Confirm::ask(this, tr("Cancel the price change"),
                      tr("Price change No. %1 will be kept as cancelled and never posted. Cancel "
                         "it?")
                          .arg(m_document.id)))
        return;
    setBusy(true);
    whenReady(this, m_service.cancelPriceDocument(m_document.id),
              [this](const Result<PriceDocument> &cancelled) {
                  setBusy(false);
                  if (!cancelled) {
                      refuse(cancelled.error());
                      return;
                  }
                  showDocument(cancelled.value());
                  m_lines->setDocument(cancelled->id, false);
              });
}

void PriceDocumentDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    if (!busy)
        m_stop.reset();
    updateEnabled();
    if (busy && !text.isEmpty())
        m_summary->setText(text);
    if (!busy)
        m_summary->setText(tr("%Ln product(s)", nullptr, int(m_document.lineCount)));
}

void PriceDocumentDialog::updateEnabled()
{
    const bool draft = isDraft();
    const bool free = draft && !m_busy;
    const bool percent = m_ruleKind->currentIndex() == 1;
    m_editing->setEnabled(draft);
    m_addBox->setVisible(draft);
    for (QWidget *w :
         std::initializer_list<QWidget *> {m_reason, m_starts, m_selectBy, m_ruleKind, m_value})
        w->setEnabled(free);
    const auto by = PriceSelection::Kind(m_selectBy->currentIndex());
    m_selectText->setEnabled(free && by != PriceSelection::Kind::AllProducts);
    m_selectText->setVisible(by != PriceSelection::Kind::Category);
    m_selectCategory->setVisible(by == PriceSelection::Kind::Category);
    m_selectCategory->setEnabled(free && m_selectCategory->isLoaded());
    m_from->setEnabled(free && m_starts->currentIndex() == 1);
    for (QWidget *w : std::initializer_list<QWidget *> {m_step, m_direction, m_endIn99})
        w->setEnabled(free && percent);
    // While products are being added the button stops them.
    m_add->setText(m_busy && m_stop ? tr("&Stop") : tr("&Add"));
    m_add->setEnabled(draft && (!m_busy || m_stop));
    m_post->setVisible(draft);
    m_post->setEnabled(free && m_document.lineCount > 0);
    m_remove->setVisible(draft);
    m_remove->setEnabled(free);
    m_cancelDocument->setVisible(draft && m_document.id > 0);
    m_cancelDocument->setEnabled(free);
}

void PriceDocumentDialog::refuse(const StoreError &error)
{
    m_banner->showMessage(error.message,
                          error.code == StoreError::Code::Cancelled
                              ? MessageBanner::Type::Information
                              : MessageBanner::Type::Error);
    if (error.field == u"reason"_s)
        m_reason->setFocus();
    else if (error.field == u"valid_from"_s)
        m_from->setFocus();
    else if (error.field == u"plus"_s || error.field == u"text"_s)
        m_selectText->setFocus();
    else if (error.field == u"category"_s)
        m_selectCategory->setFocus();
    else if (error.field == u"percent"_s || error.field == u"rounding"_s)
        m_value->setFocus();
    emit failed(error.message);
}

} // namespace shopdesk
