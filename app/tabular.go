package app

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// table is an uploaded spreadsheet: a header row and data rows, cells
// trimmed, blank rows dropped. Lines[i] is the row number of Rows[i] in the
// file (1 = its first line), for messages about a row.
type table struct {
	Header []string
	Rows   [][]string
	Lines  []int
}

// maxImportRows bounds an import so one upload cannot exhaust memory.
const maxImportRows = 5000

// readTable reads an XLSX workbook (its first sheet) or a CSV file. CSV may
// be UTF-8 (with or without BOM) or GBK, which is what Excel on a Chinese
// Windows saves.
func readTable(data []byte) (*table, error) {
	var records [][]string
	var lineNumbers []int // of each record: the sheet's row, the CSV line it starts on
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("无法读取 Excel 文件：%v", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, errors.New("Excel 文件中没有工作表")
		}
		records, err = f.GetRows(sheets[0])
		if err != nil {
			return nil, fmt.Errorf("无法读取工作表“%s”：%v", sheets[0], err)
		}
		for i := range records {
			lineNumbers = append(lineNumbers, i+1)
		}
	} else {
		text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(text) {
			decoded, err := simplifiedchinese.GBK.NewDecoder().Bytes(text)
			if err != nil {
				return nil, errors.New("文件既不是 UTF-8 也不是 GBK 编码的 CSV")
			}
			text = decoded
		}
		r := csv.NewReader(bytes.NewReader(text))
		r.FieldsPerRecord = -1
		r.TrimLeadingSpace = true
		for {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("CSV 格式有误：%v", err)
			}
			line, _ := r.FieldPos(0)
			records = append(records, rec)
			lineNumbers = append(lineNumbers, line)
			if len(records) > maxImportRows+1 {
				break
			}
		}
	}
	// Drop fully blank rows (Excel often keeps formatted empty rows).
	var rows [][]string
	var lines []int
	for n, rec := range records {
		blank := true
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
			if rec[i] != "" {
				blank = false
			}
		}
		if !blank {
			rows = append(rows, rec)
			lines = append(lines, lineNumbers[n])
		}
	}
	if len(rows) == 0 {
		return nil, errors.New("文件是空的")
	}
	if len(rows)-1 > maxImportRows {
		return nil, fmt.Errorf("一次最多导入 %d 行", maxImportRows)
	}
	return &table{Header: rows[0], Rows: rows[1:], Lines: lines[1:]}, nil
}

// columns maps wanted column names (any of several spellings) to indexes.
// It reports the required columns that are missing.
func (t *table) columns(spec map[string][]string, required ...string) (map[string]int, []string) {
	idx := map[string]int{}
	for key, names := range spec {
		for i, h := range t.Header {
			for _, n := range names {
				if strings.EqualFold(strings.TrimSpace(h), n) {
					idx[key] = i
				}
			}
		}
	}
	var missing []string
	for _, r := range required {
		if _, ok := idx[r]; !ok {
			missing = append(missing, spec[r][0])
		}
	}
	return idx, missing
}

// cell returns row[col[key]] or "".
func cell(row []string, col map[string]int, key string) string {
	i, ok := col[key]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}
