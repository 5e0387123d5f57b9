#include "GoodsReceiptPdf.h"

#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/shops/ShopTime.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(GoodsReceiptPdf)
};

QString html(const GoodsReceipt &r, const Shop &shop)
{
    const auto esc = [](const QString &text) {
        return text.toHtmlEscaped();
    };
    QString title = Text::tr("Goods receipt No. %1").arg(r.number);
    if (r.isReversal())
        title =
            Text::tr("Goods receipt No. %1, cancelling No. %2").arg(r.number).arg(r.reversesNumber);
    QString out = u"<h2>%1</h2><p>"_s.arg(esc(title));
    out += Text::tr("Shop: %1").arg(esc(shop.name)) + u"<br>"_s;
    out += Text::tr("Supplier: %1").arg(esc(r.supplierName)) + u"<br>"_s;
    if (!r.header.invoiceNumber.isEmpty() || r.header.invoiceDate.isValid())
        out += Text::tr("Invoice: %1 of %2")
                   .arg(esc(r.header.invoiceNumber),
                        QLocale().toString(r.header.invoiceDate, QLocale::ShortFormat)) +
            u"<br>"_s;
    if (r.status == DocumentStatus::Posted)
        out += Text::tr("Posted %1 by %2")
                   .arg(ShopTime::format(r.postedAt, shop.timeZone), esc(r.postedBy)) +
            u"<br>"_s;
    else
        out += Text::tr("Status: %1").arg(documentStatusText(r.status)) + u"<br>"_s;
    if (r.reversedByNumber > 0)
        out += Text::tr("Cancelled by receipt No. %1").arg(r.reversedByNumber) + u"<br>"_s;
    if (!r.header.note.isEmpty())
        out += esc(r.header.note) + u"<br>"_s;
    out += u"</p><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr>"_s;
    for (const QString &head : {Text::tr("No."), Text::tr("PLU"), Text::tr("Product"),
                                Text::tr("Quantity"), Text::tr("Price"), Text::tr("Amount")})
        out += u"<th>%1</th>"_s.arg(esc(head));
    out += u"</tr>"_s;
    int n = 0;
    for (const ReceiptLine &l : r.lines) {
        out += u"<tr><td align=\"right\">%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td>"
               "<td align=\"right\">%5</td><td align=\"right\">%6</td></tr>"_s.arg(++n)
                   .arg(esc(l.plu), esc(l.name), Quantity::format(l.quantity, l.soldByWeight),
                        Money::format(l.price), Money::format(l.amount()));
    }
    out += u"<tr><td colspan=\"5\" align=\"right\"><b>%1</b></td>"
           "<td align=\"right\"><b>%2</b></td></tr></table>"_s.arg(esc(Text::tr("Total")),
                                                                   Money::format(r.total));
    out += u"<p>%1</p>"_s.arg(esc(Text::tr("%Ln line(s)", nullptr, int(r.lines.size()))));
    return out;
}

} // namespace

bool writeGoodsReceiptPdf(const GoodsReceipt &receipt, const Shop &shop, const QString &path,
                          QString *error)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(Text::tr("Goods receipt No. %1").arg(receipt.number));
    writer.setCreator(u"ShopDesk"_s);
    QTextDocument document;
    document.setHtml(html(receipt, shop));
    document.print(&writer);
    // QPdfWriter reports no failure itself: a file that is not there is one.
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0) {
        if (error)
            *error = Text::tr("The PDF could not be written to %1.").arg(path);
        return false;
    }
    return true;
}

} // namespace shopdesk
