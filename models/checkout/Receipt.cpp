#include "Receipt.h"

#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/orders/OrderVat.h"
#include "models/shops/ShopTime.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QString centred(const QString &text, int width)
{
    const QString t = text.left(width);
    return QString((width - t.size()) / 2, u' ') + t;
}

} // namespace

QString Receipt::spread(const QString &left, const QString &right, int width)
{
    const int room = qMax(1, width - int(right.size()) - 1);
    const QString l = left.size() > room ? left.left(room) : left;
    return l + QString(qMax(1, width - int(l.size()) - int(right.size())), u' ') + right;
}

Receipt Receipt::forOrder(const Order &order, const Shop &shop, const QString &cashier,
                          qint64 change, int width)
{
    Receipt r;
    const QString rule(width, u'-');
    r.lines << centred(shop.name, width);
    if (!shop.address.isEmpty())
        r.lines << centred(shop.address, width);
    const QDateTime at = (order.paidAt.isValid() ? order.paidAt : order.createdAt);
    r.lines << rule;
    r.lines << spread(tr("Receipt %1").arg(order.number),
                      ShopTime::toShop(at, shop.timeZone).toString(u"dd.MM.yyyy HH:mm"_s), width);
    r.lines << tr("Cashier: %1").arg(cashier).left(width);
    r.lines << rule;
    for (const OrderLine &l : order.lines) {
        r.lines << l.name.left(width);
        const QString quantity = Quantity::plain(l.qty, l.weighed);
        // Each line says its VAT rate, as a fiscal receipt must.
        r.lines << spread(u"  %1 × %2  %3"_s.arg(quantity, Money::format(l.unitPrice),
                                                 OrderVat::rateText(l.vatRate)),
                          Money::format(l.amount()), width);
        // The line's share of the promo code's discount, under it.
        if (l.discount > 0)
            r.lines << spread(u"  "_s + tr("Discount"), u"-"_s + Money::format(l.discount), width);
    }
    r.lines << rule;
    if (order.discount > 0) {
        r.lines << spread(tr("Subtotal"), Money::format(order.subtotal), width);
        r.lines << spread(tr("Discount"), u"-"_s + Money::format(order.discount), width);
    }
    r.boldLine = int(r.lines.size());
    r.lines << spread(tr("TOTAL"), Money::format(order.total), width);
    if (order.paidCard > 0)
        r.lines << spread(tr("Card"), Money::format(order.paidCard), width);
    if (order.paidCash > 0) {
        r.lines << spread(tr("Cash"), Money::format(order.paidCash + change), width);
        r.lines << spread(tr("Change"), Money::format(change), width);
    }
    r.lines << rule;
    r.lines << vatLines(OrderVat::totals(order.lines), width);
    r.lines << rule;
    r.lines << centred(tr("Thank you for your purchase!"), width);
    r.barcode = order.number;
    return r;
}

Receipt Receipt::forReturn(const Order &order, qint64 refund, PaymentMethod method,
                           const Shop &shop, const QString &cashier, const QList<VatTotal> &vat,
                           int width)
{
    Receipt r;
    const QString rule(width, u'-');
    r.lines << centred(shop.name, width);
    if (!shop.address.isEmpty())
        r.lines << centred(shop.address, width);
    r.lines << rule;
    r.lines << tr("RETURN to receipt %1").arg(order.number).left(width);
    r.lines << ShopTime::toShop(QDateTime::currentDateTimeUtc(), shop.timeZone)
                   .toString(u"dd.MM.yyyy HH:mm"_s);
    r.lines << tr("Cashier: %1").arg(cashier).left(width);
    r.lines << rule;
    for (const OrderLine &l : order.lines) {
        if (l.returnedQty <= 0)
            continue;
        r.lines << l.name.left(width);
        r.lines << spread(u"  %1 × %2"_s.arg(Quantity::plain(l.returnedQty, l.weighed),
                                             Money::format(l.unitPrice)),
                          tr("returned"), width);
    }
    r.lines << rule;
    r.boldLine = int(r.lines.size());
    r.lines << spread(method == PaymentMethod::Card ? tr("REFUND TO CARD") : tr("REFUND IN CASH"),
                      Money::format(refund), width);
    if (!vat.isEmpty()) {
        r.lines << rule;
        r.lines << vatLines(vat, width);
    }
    r.lines << rule;
    r.barcode = order.number;
    return r;
}

QStringList Receipt::vatLines(const QList<VatTotal> &totals, int width)
{
    // The VAT in the total by rate, on what was paid at that rate after the
    // discount; goods without VAT say how much was sold without it.
    QStringList lines;
    for (const VatTotal &t : totals) {
        if (t.rateBp)
            lines << spread(
                tr("VAT %1 on %2").arg(OrderVat::rateText(t.rateBp), Money::format(t.amount)),
                Money::format(t.vat), width);
        else
            lines << spread(tr("Without VAT"), Money::format(t.amount), width);
    }
    return lines;
}

QByteArray Receipt::toCp866(const QString &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c < 0x80)
            out += char(c);
        else if (c >= 0x0410 && c <= 0x043F) // А..Я а..п
            out += char(0x80 + (c - 0x0410));
        else if (c >= 0x0440 && c <= 0x044F) // р..я
            out += char(0xE0 + (c - 0x0440));
        else if (c == 0x0401) // Ё
            out += char(0xF0);
        else if (c == 0x0451) // ё
            out += char(0xF1);
        else if (c == 0x00D7) // ×
            out += 'x';
        else if (c == 0x2116) // №
            out += char(0xFC);
        else
            out += '?';
    }
    return out;
}

QByteArray Receipt::escPos() const
{
    QByteArray out;
    out += "\x1b\x40"; // ESC @: initialise
    out += "\x1b\x74\x11"; // ESC t 17: code page 866
    for (int i = 0; i < lines.size(); ++i) {
        if (i == boldLine)
            out += "\x1b\x45\x01"; // ESC E 1: bold on
        out += toCp866(lines.at(i));
        out += '\n';
        if (i == boldLine)
            out += "\x1b\x45\x00"_ba; // bold off (the NUL is part of the command)
    }
    if (!barcode.isEmpty()) {
        // GS h 60, GS w 2, GS H 2: 60 dots high, module 2, the text below;
        // GS k 73 n {B...: Code 128, code set B (any printable ASCII).
        const QByteArray data = "{B" + barcode.toLatin1();
        out += "\n\x1d\x68\x3c\x1d\x77\x02\x1d\x48\x02";
        out += "\x1d\x6b\x49";
        out += char(data.size());
        out += data;
        out += '\n';
    }
    out += "\x1b\x64\x04"; // ESC d 4: feed four lines
    out += "\x1d\x56\x42\x00"_ba; // GS V 66 0: partial cut
    return out;
}

} // namespace shopdesk
