// Records test/helm/funcs/fixtures/semver-strings.json: Masterminds/semver's Constraints.String() and Validate() reasons for the cases in
// test/helm/funcs/semver.test.ts (stdout > that file). Build like /work/shared/tools/semver-oracle/build.sh
// (GOPATH mode against Debian's golang-github-masterminds-semver-dev), then run.
package main

import (
	"encoding/json"
	"fmt"

	"github.com/Masterminds/semver/v3"
)

func main() {
	cases := [][2]string{
		{">= 1.2.3, < 2", "2.1.0"},
		{"~1.2.x || ^0.3 || 1.x", "0.4.0"},
		{"1.2 - 1.4.5", "1.5.0"},
		{"!=1.2.3 >1.0", "1.2.3"},
		{"^0.0.3", "0.0.4"},
		{"~1.2.3", "1.2.4-beta"},
		{">=1.0.0 <1.0.0-beta", "1.0.0"},
		{"=1.2.3 =>1.0 =<3 ~>1.2 >1.x.x", "1.2.3"},
	}
	out := [][]interface{}{}
	for _, c := range cases {
		con, err := semver.NewConstraint(c[0])
		if err != nil {
			panic(err)
		}
		v := semver.MustParse(c[1])
		ok, errs := con.Validate(v)
		msgs := []string{}
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		out = append(out, []interface{}{c[0], c[1], con.String(), ok, msgs})
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(b))
}
