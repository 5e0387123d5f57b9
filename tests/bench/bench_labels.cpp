// Shelf labels to PDF: 1,000 labels (demo products: names, prices,
// EAN-13s) painted by LabelRenderer into a QPdfWriter, on A4 sheets (3 × 7)
// and on a 58 × 40 mm roll (one label a page). Baseline in the same run: the
// same labels on the same pages with text only (no barcode), so the ratio is
// what the zint vector barcodes cost. Memory: the process's resident set
// before and after each run and its peak (VmHWM).
//
//   bench_labels [--labels N] [--repeat R] [--out DIR]
// Needs no database.

#include "BenchSupport.h"
#include "models/catalog/ProductStore.h"
#include "models/demo/ProductCatalogGenerator.h"
#include "models/labels/LabelLayout.h"
#include "models/labels/ShelfLabel.h"
#include "ui/labels/LabelRenderer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

qint64 peakKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

struct Run
{
    double seconds = 0;
    qint64 bytes = 0;
    qint64 rssGrowthKb = 0;
};

Run render(const LabelLayout &layout, const QList<ShelfLabel> &labels, const QString &path,
           int repeat)
{
    QList<double> times;
    Run run;
    for (int i = 0; i < repeat; ++i) {
        const qint64 before = bench::rssKb();
        QElapsedTimer timer;
        timer.start();
        {
            QPdfWriter writer(path);
            QString error;
            if (!LabelRenderer(layout).render(&writer, labels, &error))
                QTextStream(stderr) << "render failed: " << error << '\n';
            run.rssGrowthKb = std::max(run.rssGrowthKb, bench::rssKb() - before);
        }
        times << timer.nsecsElapsed() / 1e9;
        run.bytes = QFileInfo(path).size();
    }
    run.seconds = bench::percentile(times, 0.5);
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"labels"_s, u"How many labels (1000)."_s, u"n"_s, u"1000"_s});
    parser.addOption({u"repeat"_s, u"Runs of each, the median reported (3)."_s, u"r"_s, u"3"_s});
    parser.addOption({u"out"_s, u"Keep the PDFs in this folder."_s, u"dir"_s});
    parser.process(app);
    const int count = std::max(1, parser.value(u"labels"_s).toInt());
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());

    auto products = ProductCatalogGenerator(42).generate(count);
    if (!products) {
        QTextStream(stderr) << products.error().message << '\n';
        return 1;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<ShelfLabel> withBarcodes, textOnly;
    qint64 id = 0;
    for (const DemoProduct &p : products.value()) {
        Product product;
        product.id = ++id;
        product.plu = p.plu;
        product.name = p.name;
        product.price = p.price;
        product.barcode = p.barcode;
        product.soldByWeight = id % 5 == 0;
        const ShelfLabel label = ShelfLabel::forProduct(product, now, u"Europe/Moscow"_s);
        withBarcodes << label;
        ShelfLabel plain = label;
        plain.ean13.clear();
        textOnly << plain;
    }
    QTemporaryDir temporary;
    const QDir dir(parser.isSet(u"out"_s) ? parser.value(u"out"_s) : temporary.path());
    QTextStream out(stdout);
    out << "bench_labels: " << withBarcodes.size() << " labels, median of " << repeat
        << " runs\n\n";
    out << "| layout | labels | pages | what | seconds | PDF size | RSS growth |\n";
    out << "|---|---:|---:|---|---:|---:|---:|\n";
    LabelLayout sheet;
    LabelLayout roll;
    roll.kind = LabelLayout::Kind::Roll;
    // Fonts and zint loaded once before anything is measured.
    render(sheet, withBarcodes.mid(0, 21), dir.filePath(u"warm-up.pdf"_s), 1);
    const qint64 startKb = bench::rssKb();
    const QList<std::pair<QString, LabelLayout>> layouts = {{u"A4 3 × 7"_s, sheet},
                                                            {u"roll 58 × 40 mm"_s, roll}};
    for (const auto &entry : layouts) {
        const QString &name = entry.first;
        const LabelLayout &layout = entry.second;
        const int pages =
            int((withBarcodes.size() + layout.labelsPerPage() - 1) / layout.labelsPerPage());
        const QString stem = layout.kind == LabelLayout::Kind::Roll ? u"roll"_s : u"sheet"_s;
        const Run base = render(layout, textOnly, dir.filePath(stem + u"-text.pdf"_s), repeat);
        const Run full =
            render(layout, withBarcodes, dir.filePath(stem + u"-barcodes.pdf"_s), repeat);
        const auto row = [&](const QString &what, const Run &r) {
            out << "| " << name << " | " << withBarcodes.size() << " | " << pages << " | " << what
                << " | " << QString::number(r.seconds, 'f', 2) << " | "
                << QString::number(r.bytes / 1024.0, 'f', 0) << " KiB | "
                << QString::number(r.rssGrowthKb / 1024.0, 'f', 1) << " MiB |\n";
        };
        row(u"text only (baseline)"_s, base);
        row(u"with EAN-13 barcodes"_s, full);
        out << "| " << name << " | | | ratio | "
            << QString::number(full.seconds / std::max(base.seconds, 1e-9), 'f', 2) << "× | | |\n";
    }
    out << "\nresident at start " << QString::number(startKb / 1024.0, 'f', 1) << " MiB, peak "
        << QString::number(peakKb() / 1024.0, 'f', 1) << " MiB\n";
    return 0;
}
