#!/usr/bin/env python3
"""Writes a UTF-8, comma-separated CSV file as an XLSX workbook with
python3-xlsxwriter, as a spreadsheet program would save a supplier's price
list: for tst_pricelistimport and bench_pricelistimport.

  price_list_from_csv.py IN.csv OUT.xlsx

The first row is written as text. In the other rows a cell of at most nine
digits, or a decimal number with a point, is written as a number (PLUs and
prices, as a spreadsheet stores them); anything else (barcodes, names,
category paths) as text. Constant-memory mode: a 100,000-row list is written
without holding it.
"""
import csv
import re
import sys

NUMBER = re.compile(r"^-?(\d{1,9}|\d+\.\d+)$")


def main(src, out):
    import xlsxwriter
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("Прайс")
    with open(src, newline="", encoding="utf-8") as f:
        for r, row in enumerate(csv.reader(f)):
            for c, cell in enumerate(row):
                if cell == "":
                    continue  # an empty cell is not written at all
                if r > 0 and NUMBER.match(cell):
                    sheet.write_number(r, c, float(cell))
                else:
                    sheet.write_string(r, c, cell)
    book.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
