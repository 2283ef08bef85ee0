package reports

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of a workbook: a title row of column names and
// rows of cell texts. Numeric columns are written as numbers (so the office
// can sum and sort them in Excel) when the text reads as one; the exact
// digits stay in the CSV exports.
type Sheet struct {
	// Name is the tab name (at most 31 characters, no []:*?/\).
	Name    string
	Columns []Column
	Rows    [][]string
}

// Column is one column of a sheet.
type Column struct {
	Title   string
	Numeric bool
	// Decimals is the number format of a numeric column (−1: general).
	Decimals int
}

// maxSheetName is Excel's limit on a tab name.
const maxSheetName = 31

// Workbook renders sheets as an XLSX file: each with a bold, frozen header
// row, an autofilter over the data and column widths fitted to the text.
func Workbook(sheets []Sheet) ([]byte, error) {
	if len(sheets) == 0 {
		return nil, fmt.Errorf("xlsx: no sheets")
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern",
		Color: []string{"F0F2F5"}, Pattern: 1}})
	if err != nil {
		return nil, fmt.Errorf("xlsx: header style: %w", err)
	}
	for i, sh := range sheets {
		name := sheetName(sh.Name, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, fmt.Errorf("xlsx: name sheet: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("xlsx: add sheet %s: %w", name, err)
		}
		if err := writeSheet(f, name, sh, bold); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: write: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, name string, sh Sheet, headerStyle int) error {
	widths := make([]int, len(sh.Columns))
	styles := make([]int, len(sh.Columns))
	for c, col := range sh.Columns {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellStr(name, cell, col.Title); err != nil {
			return fmt.Errorf("xlsx: header: %w", err)
		}
		widths[c] = textWidth(col.Title)
		if col.Numeric && col.Decimals >= 0 {
			format := "0"
			if col.Decimals > 0 {
				format += "." + string(bytes.Repeat([]byte("0"), col.Decimals))
			}
			st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
			if err != nil {
				return fmt.Errorf("xlsx: number style: %w", err)
			}
			styles[c] = st
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(sh.Columns), 1)
	if err := f.SetCellStyle(name, "A1", last, headerStyle); err != nil {
		return fmt.Errorf("xlsx: header style: %w", err)
	}
	for r, row := range sh.Rows {
		for c, text := range row {
			if c >= len(sh.Columns) {
				break
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := setCell(f, name, cell, text, sh.Columns[c], styles[c]); err != nil {
				return err
			}
			if w := textWidth(text); w > widths[c] {
				widths[c] = w
			}
		}
	}
	for c, w := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(name, col, col, float64(min(max(w, 6), 60)+2)); err != nil {
			return fmt.Errorf("xlsx: column width: %w", err)
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: freeze header: %w", err)
	}
	if len(sh.Rows) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(sh.Columns), len(sh.Rows)+1)
		if err := f.AutoFilter(name, "A1:"+end, nil); err != nil {
			return fmt.Errorf("xlsx: autofilter: %w", err)
		}
	}
	return nil
}

func setCell(f *excelize.File, sheet, cell, text string, col Column, style int) error {
	if col.Numeric && text != "" {
		if v, err := strconv.ParseFloat(text, 64); err == nil {
			if err := f.SetCellFloat(sheet, cell, v, -1, 64); err != nil {
				return fmt.Errorf("xlsx: cell %s: %w", cell, err)
			}
			if style != 0 {
				return f.SetCellStyle(sheet, cell, cell, style)
			}
			return nil
		}
	}
	if err := f.SetCellStr(sheet, cell, text); err != nil {
		return fmt.Errorf("xlsx: cell %s: %w", cell, err)
	}
	return nil
}

// textWidth estimates a text's width in Excel columns: two for a CJK
// character, one for anything else.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// sheetName makes a valid, unique-enough tab name.
func sheetName(name string, i int) string {
	clean := make([]rune, 0, len(name))
	for _, r := range name {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			r = '_'
		}
		clean = append(clean, r)
	}
	if len(clean) == 0 {
		return fmt.Sprintf("Sheet%d", i+1)
	}
	if utf8.RuneCountInString(string(clean)) > maxSheetName {
		clean = clean[:maxSheetName]
	}
	return string(clean)
}
