#!/usr/bin/python3
"""Regenerates the binary statement fixtures in Scale.Functions.Tests/Data/Statements from the CSV golden files.

Plain XLSX files are written by hand (stdlib zipfile) so cell types are exact: amounts as numbers, HDFC dates as
text (as HDFC's export has them), ICICI dates as real date cells. LibreOffice (Debian: libreoffice-calc-nogui,
python3-uno) then saves the legacy XLS and a password-protected XLS, as a user's Excel would.
Run with the system python: /usr/bin/python3 scripts/make-statement-fixtures.py
"""
import csv
import datetime
import os
import re
import subprocess
import sys
import time
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "Scale.Functions.Tests", "Data", "Statements")
PASSWORD = "Scale@2024"
AMOUNT = re.compile(r"^-?[\d,]+\.\d{1,2}$")
DATE = re.compile(r"^(\d{2})[/-](\d{2})[/-](\d{4})$")


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def cell_xml(ref, text, numeric, date):
    if text == "":
        return ""
    if date and DATE.match(text):
        d, m, y = map(int, DATE.match(text).groups())
        serial = (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if numeric and AMOUNT.match(text):
        return f'<c r="{ref}"><v>{text.replace(",", "")}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def sheet_xml(rows, numeric_cols, date_cols):
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{col_name(c)}{r}", v, c in numeric_cols, c in date_cols) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(out) + "</sheetData></worksheet>")


def write_xlsx(path, sheets):
    """sheets: list of (name, rows, numeric_cols, date_cols)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1))
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   + overrides + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        sheet_list = "".join(f'<sheet name="{escape(s[0])}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1))
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{ns}" xmlns:r="{rel}">'
                   f"<sheets>{sheet_list}</sheets></workbook>")
        rels = "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(sheets) + 1))
        rels += f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/styles" Target="styles.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("xl/styles.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{ns}">'
                   '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
                   '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
                   '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
                   '<borders count="1"><border/></borders>'
                   '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                   '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                   '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
                   "</styleSheet>")
        for i, (_, rows, numeric, dates) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(rows, numeric, dates))


def read_csv(name):
    with open(os.path.join(DATA, name), encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def libreoffice_save(source, target, filter_name, password=None):
    """Opens source in headless LibreOffice and stores it as target (optionally password-protected)."""
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    port = 2103
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                               f"--accept=socket,host=127.0.0.1,port={port};urp;"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(60):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:  # office still starting
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (prop("Hidden", True),))
        props = [prop("FilterName", filter_name), prop("Overwrite", True)]
        if password:
            # BIFF export encrypts with RC4 CryptoAPI. (LibreOffice 7.4's OOXML export ignored the password here;
            # the encrypted XLSX fixture is written by the tests' own ECMA-376 Agile writer instead.)
            props.append(prop("Password", password))
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.abspath(target)),
                                       uno.Any("[]com.sun.star.beans.PropertyValue", tuple(props))))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as office exits
            pass
    finally:
        office.wait(timeout=60)


def main():
    hdfc = os.path.join(DATA, "hdfc_statement.xlsx")
    icici = os.path.join(DATA, "icici_statement.xlsx")
    write_xlsx(hdfc, [("Statement", read_csv("hdfc_statement.csv"), {4, 5, 6}, set())])
    write_xlsx(icici, [("Read Me", [["Account statement exported from net banking"], ["Amounts in INR"]], set(), set()),
                       ("OpTransactionHistory", read_csv("icici_statement.csv"), {5, 6, 7}, {1, 2})])
    libreoffice_save(hdfc, os.path.join(DATA, "hdfc_statement.xls"), "MS Excel 97")
    libreoffice_save(hdfc, os.path.join(DATA, "hdfc_statement_encrypted.xls"), "MS Excel 97", PASSWORD)
    return 0


if __name__ == "__main__":
    sys.exit(main())
