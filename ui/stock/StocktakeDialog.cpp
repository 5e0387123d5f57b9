#include "StocktakeDialog.h"

#include "models/catalog/CatalogService.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/stock/StockService.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/QuantitySpinBox.h"
#include "ui/stock/StocktakeVarianceDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace shopdesk {

StocktakeDialog::StocktakeDialog(const Actor &actor, const Shop &shop, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_shop(shop),
      m_banner(new MessageBanner(this)),
      m_status(new QLabel(this)),
      m_code(new QLineEdit(this)),
      m_counted(new QuantitySpinBox(this)),
      m_replace(new QCheckBox(tr("Re&place the line's count"), this)),
      m_record(new QPushButton(tr("&Record"), this)),
      m_commit(new QPushButton(tr("&Commit count…"), this)),
      m_cancelCount(new QPushButton(tr("Discard count…"), this)),
      m_lines(new QTableWidget(0, 4, this))
{
    setWindowTitle(tr("Stocktake — %1").arg(shop.name));
    m_code->setObjectName(u"code"_s);
    m_code->setPlaceholderText(tr("PLU or barcode"));
    m_counted->setObjectName(u"counted"_s);
    // Enter belongs to the scanner and the count fields (code → count →
    // record), never to a button that would record or commit half a line.
    for (QPushButton *button : {m_record, m_commit, m_cancelCount})
        button->setAutoDefault(false);
    m_commit->setObjectName(u"commitCount"_s);
    m_cancelCount->setObjectName(u"discardCount"_s);
    m_lines->setObjectName(u"countedLines"_s);
    m_counted->setUnitsRange(0, StockStore::kMaxQuantity);
    m_counted->setUnits(1); // a scan counts one
    m_replace->setObjectName(u"replaceCount"_s);
    m_replace->setToolTip(tr("Put this count instead of the line's (to correct a mistake)."));
    m_lines->setHorizontalHeaderLabels(
        {tr("PLU"), tr("Product"), tr("Counted"), tr("System at count")});
    // The headers read whole: the figures as wide as they need, the name the rest.
    m_lines->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_lines->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_lines->setWordWrap(false);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->verticalHeader()->hide();

    auto *entry = new QHBoxLayout;
    auto *codeLabel = new QLabel(tr("&Code:"), this);
    codeLabel->setBuddy(m_code);
    auto *countedLabel = new QLabel(tr("Co&unted:"), this);
    countedLabel->setBuddy(m_counted);
    entry->addWidget(codeLabel);
    entry->addWidget(m_code, 2);
    entry->addWidget(countedLabel);
    entry->addWidget(m_counted);
    entry->addWidget(m_replace);
    entry->addWidget(m_record);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_commit, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancelCount, QDialogButtonBox::ActionRole);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addLayout(entry);
    layout->addWidget(m_lines, 1);
    layout->addWidget(buttons);
    resize(720, 480);

    connect(m_code, &QLineEdit::returnPressed, m_counted, [this] {
        lookUpCode(m_code->text().trimmed());
        m_counted->setFocus();
        m_counted->selectAll();
    });
    connect(m_code, &QLineEdit::textEdited, this, [this] { m_codeKnown.clear(); });
    connect(m_counted, &QuantitySpinBox::editingFinished, this, [this] {
        if (m_counted->hasFocus())
            record();
    });
    connect(m_counted, &QuantitySpinBox::refused, m_banner,
            [this](const QString &message) { m_banner->showMessage(message); });
    connect(m_record, &QPushButton::clicked, this, &StocktakeDialog::record);
    connect(m_commit, &QPushButton::clicked, this, &StocktakeDialog::commitCount);
    connect(m_cancelCount, &QPushButton::clicked, this, &StocktakeDialog::cancelCount);
    setBusy(true);
    openCount();
}

void StocktakeDialog::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_code), static_cast<QWidget *>(m_counted),
                       static_cast<QWidget *>(m_replace), static_cast<QWidget *>(m_record),
                       static_cast<QWidget *>(m_commit), static_cast<QWidget *>(m_cancelCount)})
        w->setEnabled(!busy && m_stocktakeId > 0);
}

void StocktakeDialog::openCount()
{
    whenReady(this, StockService(m_actor).openStocktake(m_shop.id),
              [this](const Result<OpenStocktake> &result) {
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_stocktakeId = result->id;
                  m_status->setText(
                      tr("Count %1 is open. Sales go on while you count; each line is "
                         "corrected by what was sold after it was counted.")
                          .arg(m_stocktakeId));
                  m_status->setWordWrap(true);
                  showLines(result->lines);
                  setBusy(false);
                  m_code->setFocus();
              });
}

void StocktakeDialog::showLines(const QList<StocktakeLine> &lines)
{
    m_lines->setRowCount(int(lines.size()));
    for (int i = 0; i < lines.size(); ++i) {
        const StocktakeLine &l = lines.at(i);
        const QStringList cells {l.plu, l.name, Quantity::format(l.countedQty, l.soldByWeight),
                                 Quantity::format(l.expectedQty, l.soldByWeight)};
        for (int c = 0; c < cells.size(); ++c)
            m_lines->setItem(i, c, new QTableWidgetItem(cells.at(c)));
    }
}

void StocktakeDialog::lookUpCode(const QString &code)
{
    if (code.isEmpty() || code == m_codeKnown)
        return;
    whenReady(this, CatalogService(m_actor).byCode(code),
              [this, code](const Result<std::optional<Product>> &product) {
                  if (code != m_code->text().trimmed())
                      return; // another code was typed meanwhile
                  m_codeKnown = code;
                  const bool recordNow = std::exchange(m_recordWhenKnown, false);
                  // An unknown code keeps the field as it is: recording it
                  // gets the store's refusal, which names the code.
                  const bool weighed = product && product.value() && product.value()->soldByWeight;
                  if (weighed != m_counted->soldByWeight()) {
                      // A weighed product is counted in kilograms, typed in;
                      // a piece product's scan counts one.
                      m_counted->setSoldByWeight(weighed);
                      m_counted->setUnits(weighed ? 0 : 1);
                      m_counted->selectAll();
                      if (recordNow) {
                          m_banner->showMessage(
                              weighed ? tr("%1 is sold by weight: type its weight in kilograms.")
                                            .arg(product.value()->name)
                                      : tr("%1 is counted in pieces: check the count.")
                                            .arg(product.value()->name),
                              MessageBanner::Type::Information);
                          m_counted->setFocus();
                      }
                      return;
                  }
                  if (recordNow)
                      record();
              });
}

void StocktakeDialog::record()
{
    const QString code = m_code->text().trimmed();
    if (code.isEmpty()) {
        m_banner->showMessage(tr("Scan or type the product's PLU or barcode."));
        m_code->setFocus();
        return;
    }
    // The count is read in the product's unit, so its product comes first.
    if (code != m_codeKnown) {
        m_recordWhenKnown = true;
        lookUpCode(code);
        return;
    }
    if (const auto problem = m_counted->problem()) {
        m_banner->showMessage(*problem);
        m_counted->setFocus();
        return;
    }
    setBusy(true);
    const auto mode = m_replace->isChecked() ? StocktakeStore::CountMode::Replace
                                             : StocktakeStore::CountMode::Add;
    whenReady(
        this,
        StockService(m_actor).countInStocktake(m_stocktakeId, code, int(m_counted->units()), mode),
        [this](const Result<QList<StocktakeLine>> &result) {
            setBusy(false);
            if (!result) {
                m_banner->showMessage(result.error().message);
                m_code->setFocus();
                m_code->selectAll();
                return;
            }
            m_banner->hideMessage();
            showLines(result.value());
            m_code->clear();
            m_codeKnown.clear();
            m_counted->setSoldByWeight(false);
            m_counted->setUnits(1);
            m_replace->setChecked(false); // a correction is for one line
            m_code->setFocus();
        });
}

template<typename T, typename OnDone>
void StocktakeDialog::closeCount(QFuture<Result<T>> closing, OnDone onDone)
{
    // Commit and discard alike: the dialog waits for the store, a refusal
    // goes to the banner.
    setBusy(true);
    whenReady(this, std::move(closing), [this, onDone](const Result<T> &result) {
        setBusy(false);
        if (!result) {
            m_banner->showMessage(result.error().message);
            return;
        }
        onDone(result);
    });
}

void StocktakeDialog::commitCount()
{
    // The variance sheet first: what will change and what it is worth.
    setBusy(true);
    whenReady(this, StockService(m_actor).stocktakeVariance(m_stocktakeId),
              [this](const Result<QList<StocktakeVarianceLine>> &sheet) {
                  setBusy(false);
                  if (!sheet) {
                      m_banner->showMessage(sheet.error().message);
                      return;
                  }
                  commitAfterSheet(sheet.value());
              });
}

void StocktakeDialog::commitAfterSheet(const QList<StocktakeVarianceLine> &sheet)
{
    StocktakeVarianceDialog variance(
        sheet, tr("Stocktake %1 — %2: variance sheet").arg(m_stocktakeId).arg(m_shop.name), this);
    if (variance.exec() != QDialog::Accepted)
        return;
    closeCount(StockService(m_actor).commitStocktake(m_stocktakeId),
               [this](const Result<StocktakeSummary> &result) {
                   emit committed(result.value());
                   accept();
               });
}

void StocktakeDialog::cancelCount()
{
    if (!Confirm::ask(this, tr("Discard the count"),
                      tr("Discard this count? No stock will change.")))
        return;
    closeCount(StockService(m_actor).cancelStocktake(m_stocktakeId),
               [this](const Result<void> &) { reject(); });
}

} // namespace shopdesk
