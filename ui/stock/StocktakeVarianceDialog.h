#pragma once

#include "models/stock/StocktakeVariance.h"

#include <QDialog>

class QLabel;
class QPrinter;
class QTableWidget;

namespace shopdesk {

class MessageBanner;

// The variance sheet of a count, shown before it is committed: each line's
// expected and counted quantity, the difference and what it is worth, with
// the total. It can be exported as CSV or printed (or saved as PDF).
// Accepting it commits the count; going back keeps counting.
class StocktakeVarianceDialog : public QDialog
{
    Q_OBJECT
public:
    StocktakeVarianceDialog(const QList<StocktakeVarianceLine> &lines, const QString &title,
                            QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    bool exportCsv(const QString &path);
    bool printToPdf(const QString &path);

private:
    void chooseCsv();
    void choosePdf();
    void print();
    void printOn(QPrinter *printer) const;

    QList<StocktakeVarianceLine> m_lines;
    QString m_title;
    MessageBanner *m_banner;
    QTableWidget *m_table;
    QLabel *m_total;
};

} // namespace shopdesk
