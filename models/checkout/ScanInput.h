#pragma once

#include <QString>

#include <optional>

namespace shopdesk {

// What the cashier typed or scanned into the checkout's scan field:
// "4600000000015" (a barcode), "10042" (a PLU), "3*10042" (three of it), or
// words to look a product up by name.
struct ScanInput
{
    enum class Kind { Code, Name };
    Kind kind = Kind::Code;
    QString text; // the code or the words
    int quantity = 1;

    // Nothing usable (empty, "0*…", a count above the limit) gives nullopt
    // and, in *error, what is wrong.
    static std::optional<ScanInput> parse(const QString &typed, QString *error = nullptr);
    static constexpr int kMaxQuantity = 9999;
};

} // namespace shopdesk
