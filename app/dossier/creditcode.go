package dossier

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// creditCodeChars are the characters of a 统一社会信用代码 with their values
// (GB 32100-2015 Table 1: the digits and the capital letters without I, O,
// Z, S and V).
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the weights of the first 17 characters
// (3^(i−1) mod 31, GB 32100-2015 §5).
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeLength is the length of a 统一社会信用代码.
const CreditCodeLength = 18

// NormalizeCreditCode makes typed input comparable: half-width, upper case,
// without hyphens or white space of any kind (a code pasted from a web page
// or a spreadsheet often carries a no-break space or a form feed).
func NormalizeCreditCode(s string) string {
	s = width.Narrow.String(validUTF8(s))
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// CheckCreditCode checks a normalized 统一社会信用代码: 18 characters from the
// code's alphabet, the 登记管理机关行政区划码 (characters 3–8) all digits, and
// the check character (the 18th) matching the first 17 (GB 32100-2015 §5).
// The error is a Chinese sentence.
func CheckCreditCode(code string) error {
	if n := len([]rune(code)); n != CreditCodeLength {
		return fmt.Errorf("统一社会信用代码应为 18 位，当前为 %d 位", n)
	}
	for i, r := range []rune(code) {
		if !strings.ContainsRune(creditCodeChars, r) {
			return fmt.Errorf("统一社会信用代码第 %d 位“%c”不是有效字符（不含 I、O、Z、S、V）", i+1, r)
		}
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return fmt.Errorf("统一社会信用代码第 3–8 位应为行政区划代码（数字）")
		}
	}
	want, err := CreditCodeCheckChar(code[:17])
	if err != nil {
		return err
	}
	if code[17] != want {
		return errors.New("统一社会信用代码校验位不正确，请核对是否有输错的字符")
	}
	return nil
}

// CreditCodeCheckChar computes the check character for the first 17
// characters of a 统一社会信用代码: 31 − (Σ value × weight mod 31), where 31
// becomes 0.
func CreditCodeCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("统一社会信用代码前 17 位长度有误")
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCodeChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("统一社会信用代码第 %d 位“%c”不是有效字符", i+1, first17[i])
		}
		sum += v * creditCodeWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return creditCodeChars[c], nil
}
