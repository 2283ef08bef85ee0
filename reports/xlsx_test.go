package reports

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWorkbook_ReadsBack(t *testing.T) {
	data, err := Workbook([]Sheet{
		{Name: "申报评审/结果", Columns: []Column{{Title: "申报编号"}, {Title: "得分", Numeric: true, Decimals: 2}},
			Rows: [][]string{{"2026-0001", "84.5"}, {"2026-0002", ""}, {"2026-0003", "未评"}}},
		{Name: "", Columns: []Column{{Title: "说明"}}, Rows: [][]string{{"第二张表"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "申报评审_结果" || sheets[1] != "Sheet2" {
		t.Fatalf("sheets = %v", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][1] != "得分" || rows[1][1] != "84.50" || rows[3][1] != "未评" {
		t.Errorf("rows = %q", rows)
	}
	typ, _ := f.GetCellType(sheets[0], "B2")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("B2 type = %v; want a number", typ)
	}
	raw, _ := f.GetCellValue(sheets[0], "B2", excelize.Options{RawCellValue: true})
	if raw != "84.5" {
		t.Errorf("B2 raw = %q; want the number 84.5", raw)
	}
	if _, err := Workbook(nil); err == nil {
		t.Error("an empty workbook was accepted")
	}
}
