// Package account holds the rules for user accounts shared by the web
// handlers, the `chainjudge user` command and the demo loader: password
// policy and hashing, and validated account creation.
package account

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"unicode"

	"golang.org/x/crypto/bcrypt"
)

// MinBcryptCost is the lowest cost accepted for password hashes.
const MinBcryptCost = 10

// HashPassword hashes a password with bcrypt at cost (raised to MinBcryptCost).
func HashPassword(password string, cost int) (string, error) {
	if cost < MinBcryptCost {
		cost = MinBcryptCost
	}
	b, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(b), nil
}

// CheckPassword reports whether password matches hash.
func CheckPassword(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// PolicyProblem returns a Chinese reason when a new password is too weak, or "".
func PolicyProblem(password string) string {
	if len([]rune(password)) < 8 {
		return "密码至少 8 位"
	}
	if len(password) > 72 {
		return "密码不能超过 72 个字节"
	}
	var letter, digit bool
	for _, r := range password {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		}
	}
	if !letter || !digit {
		return "密码须同时包含字母和数字"
	}
	return ""
}

// passwordAlphabet leaves out characters people confuse when reading a
// password off paper (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword makes a random initial password that meets the policy.
func GeneratePassword() string {
	for {
		b := make([]byte, 12)
		for i := range b {
			n, err := rand.Int(rand.Reader, big.NewInt(int64(len(passwordAlphabet))))
			if err != nil {
				panic("crypto/rand failed: " + err.Error())
			}
			b[i] = passwordAlphabet[n.Int64()]
		}
		if PolicyProblem(string(b)) == "" {
			return string(b)
		}
	}
}
