#pragma once

#include "models/labels/LabelLayout.h"
#include "models/labels/ShelfLabel.h"

#include <QDialog>
#include <QList>

class QDoubleSpinBox;
class QPagedPaintDevice;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace shopdesk {

class MessageBanner;

// Prints shelf labels: the layout (an A4 grid of columns × rows with its
// margins and gap, or a roll of labels of a width and height), then a
// printer (QPrintDialog) or a PDF file (QFileDialog), with a progress
// dialog that can stop a long run. The layout is remembered in the
// settings. A layout that does not fit is refused with the field named.
class LabelPrintDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LabelPrintDialog(const QList<ShelfLabel> &labels, QWidget *parent = nullptr);

    LabelLayout labelLayout() const;
    void setLabelLayout(const LabelLayout &layout);
    // Print to this PDF without asking for a file (tests, "Save as PDF"
    // chosen beforehand).
    void setPdfPath(const QString &path);
    // Why the last attempt did not print (empty when it did).
    QString errorText() const;

public slots:
    void print();

signals:
    // Every label was printed (the dialog then closes with Accepted).
    void printed(int labels);

private:
    void updateSummary();
    bool printTo(QPagedPaintDevice *device);

    QList<ShelfLabel> m_labels;
    MessageBanner *m_banner;
    QRadioButton *m_sheet;
    QRadioButton *m_roll;
    QSpinBox *m_columns;
    QSpinBox *m_rows;
    QDoubleSpinBox *m_margin;
    QDoubleSpinBox *m_gap;
    QDoubleSpinBox *m_width;
    QDoubleSpinBox *m_height;
    QRadioButton *m_toPrinter;
    QRadioButton *m_toPdf;
    QLabel *m_summary;
    QString m_pdfPath;
    QString m_error;
};

} // namespace shopdesk
