#!/usr/bin/env python3
"""Writes suppliers' price lists as real XLSX files (python3-xlsxwriter), for
tst_tablereaders and bench_tablereaders.

  price_list_xlsx.py sample OUT [--constant-memory]
      The test's list: a header, 400 products (row i+1 is product i), then
      special cells; --constant-memory writes inline strings instead of
      shared ones. tst_tablereaders builds the same rows to compare.
  price_list_xlsx.py bench OUT ROWS [--shared-strings]
      ROWS products after a header, the same columns as the bench's CSV
      files; in constant-memory mode (inline strings, as a large list is
      written without holding it), or with shared strings as Excel writes.
  price_list_xlsx.py truncate-sheet IN OUT BYTES
      A copy of IN whose first sheet's XML is cut after BYTES bytes (a
      valid zip holding malformed XML); with BYTES -1, without the sheet.
  price_list_xlsx.py replace-sheet IN OUT XML
      A copy of IN whose first sheet is the file XML.
  price_list_xlsx.py zip OUT
      A zip archive of a text file: not a workbook.
"""
import sys
import zipfile

HEADER = ["PLU", "Barcode", "Name", "Price", "Supplier code"]


def product(i):
    # Keep in step with expectedProduct() in tst_tablereaders.cpp.
    name = "" if i % 50 == 7 else f"Молоко «Простоквашино» 3,2% №{i}"
    return [1000 + i, f"46{i:011d}", name, i * 1.25, f"S-{i}"]


def sample(out, constant_memory):
    import xlsxwriter
    book = xlsxwriter.Workbook(out, {"constant_memory": constant_memory})
    sheet = book.add_worksheet("Прайс")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, HEADER)
    for i in range(1, 401):
        plu, barcode, name, price, code = product(i)
        sheet.write_number(i, 0, plu)
        sheet.write_string(i, 1, barcode)
        if name:  # an empty cell in the middle of the row: not written at all
            sheet.write_string(i, 2, name)
        sheet.write_number(i, 3, price)
        sheet.write_string(i, 4, code)
    # Row 402: numbers as a spreadsheet stores them, a boolean, a formula.
    sheet.write_number(401, 0, 1.2e-7)
    sheet.write_number(401, 1, 100.00000000000001)
    sheet.write_boolean(401, 2, True)
    sheet.write_formula(401, 3, "=1+2", None, 3)
    # Row 403 is left out; row 404 has a rich text and a cell far right.
    sheet.write_rich_string(403, 0, "Сыр ", bold, "Российский")
    sheet.write_string(403, 5, "F")
    book.close()


def bench(out, rows, shared_strings):
    import xlsxwriter
    book = xlsxwriter.Workbook(out, {"constant_memory": not shared_strings})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    for i in range(1, rows + 1):
        sheet.write_number(i, 0, 100000 + i)
        sheet.write_string(i, 1, f"46{i:011d}")
        sheet.write_string(i, 2, f"Сыр «Российский» 45% весовой, партия {i}")
        sheet.write_number(i, 3, (i % 100000) / 100 + 10)
        sheet.write_string(i, 4, f"SUP-{i:07d}")
    book.close()


def replace_sheet(source, out, xml_path):
    with open(xml_path, "rb") as xml:
        sheet = xml.read()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, sheet if item.filename == "xl/worksheets/sheet1.xml" else data)


def truncate_sheet(source, out, size):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if size < 0:
                    continue
                data = data[:size]
            zout.writestr(item, data)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "sample":
        sample(sys.argv[2], "--constant-memory" in sys.argv[3:])
    elif command == "bench":
        bench(sys.argv[2], int(sys.argv[3]), "--shared-strings" in sys.argv[4:])
    elif command == "truncate-sheet":
        truncate_sheet(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif command == "replace-sheet":
        replace_sheet(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "zip":
        with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as notes:
            notes.writestr("notes.txt", "PLU,Name\n1001,Tea\n")
    else:
        sys.exit(__doc__)
