// Prints what Go's regexp gives for the hand-written cases in test/helm/funcs/regex.test.ts.
// Run: go run scripts/record/funcs-b/regexp-expand.go
package main

import (
	"fmt"
	"regexp"
)

func main() {
	re := regexp.MustCompile(`(?P<first>\w+) (\w+)`)
	m := re.FindStringSubmatchIndex("foo bar")
	fmt.Printf("%v %q\n", m, string(re.ExpandString(nil, "$2x|${2}x|$first|$$1|$9|$", "foo bar", m)))
	fmt.Printf("%q %q\n", regexp.QuoteMeta("a-b_c!@#"), regexp.QuoteMeta(`\.+*?()|[]{}^$`))
}
