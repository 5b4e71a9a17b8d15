// Command glob records Go's path/filepath.Match answers (the globbing of .helmignore) for the
// tests of helm/chart/glob.ts.
//
//	go run scripts/record/chart/glob/main.go > test/helm/chart/golden/glob.json
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
)

type result struct {
	Pattern string `json:"pattern"`
	Name    string `json:"name"`
	Match   bool   `json:"match"`
	Error   string `json:"error,omitempty"`
}

func main() {
	cases := [][2]string{
		{"abc", "abc"}, {"*", "abc"}, {"*c", "abc"}, {"a*", "a"}, {"a*", "abc"}, {"a*", "ab/c"},
		{"a*/b", "abc/b"}, {"a*b*c*d*e*/f", "axbxcxdxe/f"}, {"a*b*c*d*e*/f", "axbxcxdxexxx/f"},
		{"a*b*c*d*e*/f", "axbxcxdxe/xxx/f"}, {"a*b*c*d*e*/f", "axbxcxdxexxx/fff"},
		{"a*b?c*x", "abxbbxdbxebxczzx"}, {"a*b?c*x", "abxbbxdbxebxczzy"},
		{"ab[c]", "abc"}, {"ab[b-d]", "abc"}, {"ab[e-g]", "abc"}, {"ab[^c]", "abc"}, {"ab[^b-d]", "abc"},
		{"ab[^e-g]", "abc"}, {"a\\*b", "a*b"}, {"a\\*b", "ab"}, {"a?b", "a☺b"}, {"a[^a]b", "a☺b"},
		{"a???b", "a☺b"}, {"a[^a][^a][^a]b", "a☺b"}, {"[a-ζ]*", "α"}, {"*[a-ζ]", "A"}, {"a?b", "a/b"},
		{"a*b", "a/b"}, {"[\\]a]", "]"}, {"[\\-]", "-"}, {"[x\\-]", "x"}, {"[x\\-]", "-"}, {"[x\\-]", "z"},
		{"[\\-x]", "x"}, {"[\\-x]", "-"}, {"[\\-x]", "a"}, {"[]a]", "]"}, {"[-]", "-"}, {"[x-]", "x"},
		{"[x-]", "-"}, {"[x-]", "z"}, {"[-x]", "x"}, {"[-x]", "-"}, {"[-x]", "a"}, {"\\", "a"},
		{"[a-b-c]", "a"}, {"[", "a"}, {"[^", "a"}, {"[^bc", "a"}, {"a[", "a"}, {"a[", "ab"},
		{"a[", "x"}, {"a/b[", "x"}, {"*x", "xxx"}, {"templates/.?*", "templates/.hidden"},
		{"templates/.?*", "templates/."}, {"templates/.?*", "templates/.a/b"}, {"templates/.?*", "templates/a.b"},
		{"*.txt", "a.txt"}, {"*.txt", "dir/a.txt"}, {"docs/*.md", "docs/a.md"}, {"docs/*.md", "docs/sub/a.md"},
		{"[!a]", "b"}, {"[!a]", "!"}, {"*[", "abc"}, {"a*[", "xyz"},
	}
	var out []result
	for _, c := range cases {
		ok, err := filepath.Match(c[0], c[1])
		r := result{Pattern: c[0], Name: c[1], Match: ok}
		if err != nil {
			r.Error = err.Error()
		}
		out = append(out, r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	_ = enc.Encode(map[string]interface{}{"recordedWith": runtime.Version(), "command": "go run scripts/record/chart/glob/main.go", "cases": out})
}
