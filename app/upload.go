package app

import (
	"fmt"
	"io"
	"mime/multipart"
)

// readUpload reads an uploaded file of at most max bytes.
func readUpload(fh *multipart.FileHeader, max int64) ([]byte, error) {
	if fh.Size > max {
		return nil, fmt.Errorf("文件“%s”超过 %s 的上限", fh.Filename, humanBytes(max))
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("无法读取上传的文件：%v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取上传的文件：%v", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("文件“%s”超过 %s 的上限", fh.Filename, humanBytes(max))
	}
	return data, nil
}

// humanBytes renders a size for messages, e.g. "20 MB".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
