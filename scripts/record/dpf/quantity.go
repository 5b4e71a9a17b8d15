// Records k8s resource.Quantity canonical strings (what DPF's json.Marshal of a ResourceList
// prints). Needs k8s.io/apimachinery; run from a module that requires it:
//   go run quantity.go > ../../../test/dpf/fixtures/quantities.json
// (No network here: it was run against k8s.io/apimachinery pkg/api/resource @eed236ce and
// gopkg.in/inf.v0 copied into a scratch module, imports rewritten; the CBOR methods dropped.)
package main

import (
	"encoding/json"
	"fmt"

	"k8s.io/apimachinery/pkg/api/resource"
)

func main() {
	inputs := []string{"1", "1000m", "1500m", "0.5", "2000", "1024", "1Ki", "1024Mi", "1536Mi", "1.5Gi", "0.5Gi", "100Mi", "1e3", "1.5e3", "12E6", "500Gi", "0", "-2000", "1.0000000001", "6Gi", "5", "250m", "3k", "+5", "007", "0.0", "1.G", "12e6", "100m", "0.1", "1.5", "2e3", "1500k", "0.000000000001", "7Mi", "8Mi", "1.5Ki", "123456789012345678901"}
	out := map[string]string{}
	for _, in := range inputs {
		q := resource.MustParse(in)
		out[in] = q.String()
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(b))
}
