#include "CloseShiftDialog.h"

#include "AmountEdit.h"
#include "models/core/Money.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

CloseShiftDialog::CloseShiftDialog(const QString &till, QWidget *parent)
    : QDialog(parent),
      m_total(new AmountEdit(this)),
      m_byNotes(new QCheckBox(tr("Count by &notes and coins"), this)),
      m_modes(new QStackedWidget(this)),
      m_sum(new QLabel(this))
{
    setWindowTitle(tr("Close the shift at till %1 (Z report)").arg(till));
    m_total->setObjectName(u"countedCash"_s);
    m_byNotes->setObjectName(u"countByNotes"_s);
    m_sum->setObjectName(u"countedSum"_s);

    auto *totalPage = new QWidget(m_modes);
    auto *totalForm = new QFormLayout(totalPage);
    totalForm->addRow(tr("&Cash counted in the drawer:"), m_total);

    auto *notesPage = new QWidget(m_modes);
    auto *grid = new QGridLayout(notesPage);
    const QList<qint64> values = CashCount::denominations();
    const int perColumn = (int(values.size()) + 1) / 2;
    for (int i = 0; i < values.size(); ++i) {
        auto *count = new QSpinBox(notesPage);
        count->setObjectName(u"notes%1"_s.arg(values.at(i)));
        count->setRange(0, 100000);
        count->setMinimumHeight(32);
        auto *label = new QLabel(tr("%1 ×").arg(Money::format(values.at(i))), notesPage);
        label->setBuddy(count);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const int column = (i / perColumn) * 2;
        grid->addWidget(label, i % perColumn, column);
        grid->addWidget(count, i % perColumn, column + 1);
        m_notes.append({values.at(i), count});
        connect(count, &QSpinBox::valueChanged, this, &CloseShiftDialog::update);
    }
    m_modes->addWidget(totalPage);
    m_modes->addWidget(notesPage);

    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_sum->setFont(big);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Close shift"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_total, &QLineEdit::textEdited, this, &CloseShiftDialog::update);
    connect(m_byNotes, &QCheckBox::toggled, this, [this](bool byNotes) {
        m_modes->setCurrentIndex(byNotes ? 1 : 0);
        if (byNotes)
            m_notes.first().second->setFocus();
        else
            m_total->setFocus();
        update();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Count the cash in the drawer, float included. The report then shows what was "
           "expected and whether the drawer is over or short."),
        this));
    layout->itemAt(0)->widget()->setProperty("wordWrap", true);
    layout->addWidget(m_byNotes);
    layout->addWidget(m_modes);
    layout->addWidget(m_sum);
    layout->addWidget(buttons);
    m_total->setFocus();
    update();
}

CashCount CloseShiftDialog::counted() const
{
    if (!m_byNotes->isChecked())
        return CashCount::ofTotal(m_total->amount().value_or(-1));
    QMap<qint64, int> notes;
    for (const auto &[value, box] : m_notes)
        notes.insert(value, box->value());
    return CashCount::ofNotes(notes);
}

void CloseShiftDialog::update()
{
    QString problem;
    if (!m_byNotes->isChecked() && !m_total->amount())
        problem = tr("Type the cash counted, e.g. 15000 or 14999,50.");
    else if (const QString wrong = counted().problem(); !wrong.isEmpty())
        problem = wrong;
    m_sum->setText(problem.isEmpty() ? tr("Counted: %1").arg(Money::format(counted().total()))
                                     : problem);
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace shopdesk
