#!/usr/bin/env python3
"""Write a DNA 3 database's event list as DNA itself exports it to CSV.

Usage: export_eventlist.py DATABASE.dna OUT.csv [STATEMENT TYPE LABEL]

This is an independent second route to the statements of a DNA database,
using only Python's sqlite3 module, for the test that reads a database
directly (package data/dna) and its CSV export (--dna) and compares the
networks. It follows the layout of DNA 3's event-list export
(Exporter.eventCSV in github.com/leifeld/dna): semicolon-separated UTF-8,
the header "statement ID";"time";"document ID";"document title";"author";
"source";"section";"type";"text" and one quoted column per variable of the
statement type (in variable-id order); text values quoted, with ";"
written as "," and '"' as "'" (DNA's own replacements); booleans and
integers unquoted; the time as yyyy-MM-dd HH:mm:ss of the document's date
(DNA stores seconds since 1970 in UTC); the statement's text is its
document's text from Start to Stop, counted in UTF-16 code units as Java
counts them; lines joined by "\n" with none after the last. Statements
are written in statement-ID order.
"""
import datetime
import sqlite3
import sys


def quoted(value):
    return '"' + str(value).replace(";", ",").replace('"', "'") + '"'


def main():
    db, out = sys.argv[1], sys.argv[2]
    label = sys.argv[3] if len(sys.argv) > 3 else "DNA Statement"
    con = sqlite3.connect("file:" + db + "?mode=ro&immutable=1", uri=True)
    (type_id,) = con.execute("SELECT ID FROM STATEMENTTYPES WHERE Label = ?", (label,)).fetchone()
    variables = con.execute(
        "SELECT ID, Variable, DataType FROM VARIABLES WHERE StatementTypeId = ? ORDER BY ID", (type_id,)).fetchall()
    docs = {row[0]: row for row in con.execute(
        "SELECT ID, Title, Author, Source, Section, Type, Date, Text FROM DOCUMENTS")}
    lines = [";".join(quoted(h) for h in ["statement ID", "time", "document ID", "document title", "author",
                                           "source", "section", "type", "text"] + [v[1] for v in variables])]
    for sid, doc_id, start, stop in con.execute(
            "SELECT ID, DocumentId, Start, Stop FROM STATEMENTS WHERE StatementTypeId = ? ORDER BY ID", (type_id,)):
        _, title, author, source, section, dtype, date, text = docs[doc_id]
        when = datetime.datetime.fromtimestamp(date, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        units = text.encode("utf-16-le")
        statement_text = units[2 * start:2 * stop].decode("utf-16-le")
        cells = [str(sid), when, str(doc_id)] + [quoted(x) for x in (title, author, source, section, dtype, statement_text)]
        for var_id, _, data_type in variables:
            if data_type == "short text":
                row = con.execute("SELECT e.Value FROM DATASHORTTEXT d JOIN ENTITIES e ON e.ID = d.Entity "
                                  "WHERE d.StatementId = ? AND d.VariableId = ?", (sid, var_id)).fetchone()
                cells.append(quoted(row[0] if row else ""))
            elif data_type == "long text":
                row = con.execute("SELECT Value FROM DATALONGTEXT WHERE StatementId = ? AND VariableId = ?",
                                  (sid, var_id)).fetchone()
                cells.append(quoted(row[0] if row else ""))
            else:
                table = "DATABOOLEAN" if data_type == "boolean" else "DATAINTEGER"
                row = con.execute("SELECT Value FROM " + table + " WHERE StatementId = ? AND VariableId = ?",
                                  (sid, var_id)).fetchone()
                cells.append(str(row[0]) if row else "")
        lines.append(";".join(cells))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
