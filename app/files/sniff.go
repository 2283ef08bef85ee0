// Package files reads, recognises and keeps uploaded files: a size-capped
// hashing reader, content sniffing for the five kinds the rubric allows
// (PDF, JPEG, PNG, XLSX, DOCX — by content, never by extension), and the
// storage interface with a directory implementation (the database one lives
// in app/store). No database, no HTTP.
package files

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"chainjudge/rubrics"
)

// OOXML main-part content types, from [Content_Types].xml (ECMA-376 Part 1
// and the Office Open XML content type registrations).
const (
	xlsxMainType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	docxMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

// maxContentTypesBytes bounds how much of [Content_Types].xml is read (real
// ones are a few kilobytes; a zip bomb cannot make us inflate more).
const maxContentTypesBytes = 1 << 20

// Sniff recognises a file by its bytes and returns its kind, or an error
// with a Chinese sentence saying what the file is instead. A PDF must start
// with its header and end with %%EOF; JPEG and PNG headers must decode; XLSX
// and DOCX must be zip containers whose [Content_Types].xml declares the
// workbook or document main part and which hold that part (macro-enabled and
// template variants are refused).
func Sniff(data []byte) (rubrics.FileKind, error) {
	switch {
	case len(data) == 0:
		return "", errors.New("文件为空")
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return sniffPDF(data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return sniffPNG(data)
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		if _, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil {
			return "", errors.New("JPEG 图片已损坏，无法读取")
		}
		return rubrics.FileJPEG, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffOOXML(data)
	}
	return "", fmt.Errorf("文件内容%s，只接受 PDF、JPEG、PNG、XLSX、DOCX 文件", describe(data))
}

func sniffPDF(data []byte) (rubrics.FileKind, error) {
	tail := data
	if len(tail) > 2048 {
		tail = tail[len(tail)-2048:]
	}
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return "", errors.New("PDF 文件不完整（缺少文件结束标记），请重新导出后上传")
	}
	return rubrics.FilePDF, nil
}

func sniffPNG(data []byte) (rubrics.FileKind, error) {
	if _, err := png.DecodeConfig(bytes.NewReader(data)); err != nil {
		return "", errors.New("PNG 图片已损坏，无法读取")
	}
	tail := data
	if len(tail) > 64 {
		tail = tail[len(tail)-64:]
	}
	if !bytes.Contains(tail, []byte("IEND")) {
		return "", errors.New("PNG 图片不完整，请重新导出后上传")
	}
	return rubrics.FilePNG, nil
}

func sniffOOXML(data []byte) (rubrics.FileKind, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", errors.New("压缩文件已损坏，无法读取")
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	ct, ok := parts["[Content_Types].xml"]
	if !ok {
		return "", errors.New("文件内容是 ZIP 压缩包，不是 Word（.docx）或 Excel（.xlsx）文件；压缩包不受支持")
	}
	rc, err := ct.Open()
	if err != nil {
		return "", errors.New("Office 文件已损坏，无法读取")
	}
	types, err := io.ReadAll(io.LimitReader(rc, maxContentTypesBytes))
	rc.Close()
	if err != nil {
		return "", errors.New("Office 文件已损坏，无法读取")
	}
	text := string(types)
	switch {
	case strings.Contains(text, xlsxMainType) && parts["xl/workbook.xml"] != nil:
		return rubrics.FileXLSX, nil
	case strings.Contains(text, docxMainType) && parts["word/document.xml"] != nil:
		return rubrics.FileDOCX, nil
	case strings.Contains(text, "macroEnabled"):
		return "", errors.New("含宏的 Office 文件（.xlsm、.docm）不受支持，请另存为 .xlsx 或 .docx")
	case strings.Contains(text, "presentationml"):
		return "", errors.New("PowerPoint 文件不受支持，请另存为 PDF")
	}
	return "", errors.New("文件内容不是 Word（.docx）或 Excel（.xlsx）文档（可能是模板或其他 Office 格式），请另存为 .docx 或 .xlsx")
}

// describe names common file types that are not accepted.
func describe(data []byte) string {
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	lower := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"))
	switch {
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "是旧版 Office 文件（.doc、.xls），请另存为 .docx、.xlsx 或 PDF"
	case bytes.HasPrefix(data, []byte("MZ")), bytes.HasPrefix(data, []byte("\x7fELF")):
		return "是可执行程序"
	case bytes.HasPrefix(data, []byte("GIF8")):
		return "是 GIF 图片"
	case bytes.HasPrefix(data, []byte("Rar!")), bytes.HasPrefix(data, []byte("7z\xbc\xaf\x27\x1c")):
		return "是压缩包"
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return "是网页（HTML）"
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<svg")):
		return "是 XML/SVG 文本"
	}
	return "无法识别"
}

// Label is a kind's Chinese name for messages.
func Label(k rubrics.FileKind) string {
	switch k {
	case rubrics.FilePDF:
		return "PDF 文件"
	case rubrics.FileJPEG:
		return "JPEG 图片"
	case rubrics.FilePNG:
		return "PNG 图片"
	case rubrics.FileXLSX:
		return "Excel 工作簿（.xlsx）"
	case rubrics.FileDOCX:
		return "Word 文档（.docx）"
	}
	return string(k)
}

// ContentType is the MIME type a file of the kind is served with.
func ContentType(k rubrics.FileKind) string {
	switch k {
	case rubrics.FilePDF:
		return "application/pdf"
	case rubrics.FileJPEG:
		return "image/jpeg"
	case rubrics.FilePNG:
		return "image/png"
	case rubrics.FileXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case rubrics.FileDOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/octet-stream"
}
