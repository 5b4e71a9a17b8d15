#!/usr/bin/python3
"""Records what Python renders for the HBN example, never dpu-gitops:

  examples/expected/hbn-startup.worker1-0000-09-00.yaml  <- Python Jinja2 3.1
      Environment(undefined=StrictUndefined).from_string(startupYAMLJ2).render(**context)

and first checks, independently of dpu-gitops, that examples/startup-context.yaml is the DPU's
real context: `config` equals the merge (fnmatch.fnmatchcase, list order, later wins, mappings
recursively) of the perDPUValuesYAML entries matching the hostname, read by PyYAML; and
`ipaddresses` equals nv-ipam's allocation for fresh CIDRPools without nodeSelector (inventory
nodes sorted by name, i-th node -> i-th prefix, gateway = prefix base + gatewayIndex,
allocateDefaultGateway -> the gateway, else the first address of the range).

Run with Debian's python3-jinja2 and python3-yaml: /usr/bin/python3 scripts/record/per-dpu/record-example.py
"""
import fnmatch
import ipaddress
import json
import pathlib
import sys

import jinja2
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[3]
EX = ROOT / "examples"


def merge(dst, src):
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            merge(dst[k], v)
        else:
            dst[k] = v


def fresh_cidr_allocation(ipam, nodes, node, request):
    net = ipaddress.ip_network(ipam["spec"]["ipv4Network"]["network"])
    size = ipam["spec"]["ipv4Network"]["prefixSize"]
    prefix = list(net.subnets(new_prefix=size))[sorted(nodes).index(node)]
    gw_index = ipam["spec"]["ipv4Network"].get("gatewayIndex")
    gateway = str(prefix.network_address + gw_index) if gw_index else ""
    if request.get("allocateDefaultGateway"):
        ip = gateway
    else:
        ip = str(prefix.network_address if size >= 31 else prefix.network_address + 1)
    return {"ip": ip, "cidr": f"{ip}/{size}", "prefixlen": size, "gateway": gateway}


def main():
    service = yaml.safe_load((EX / "services/hbn.yaml").read_text())
    conf = service["spec"]["helmChart"]["values"]["configuration"]
    ctx = yaml.safe_load((EX / "startup-context.yaml").read_text())
    inventory = yaml.safe_load((EX / "inventory.yaml").read_text())
    ipams = {d["metadata"]["name"]: d for d in yaml.safe_load_all((EX / "services/ipam.yaml").read_text())}

    merged = {}
    for entry in yaml.safe_load(conf["perDPUValuesYAML"]):
        if fnmatch.fnmatchcase(ctx["hostname"], entry["hostnamePattern"]):
            merge(merged, entry["values"])
    if json.dumps(merged, sort_keys=True) != json.dumps(ctx["config"], sort_keys=True):
        sys.exit(f"startup-context.yaml config is not the merge Python computes: {merged!r}")

    nodes = [d["name"] for d in inventory["dpus"]]
    networks = json.loads(service["spec"]["serviceDaemonSet"]["annotations"]["k8s.v1.cni.cncf.io/networks"])
    addresses = {}
    for n in networks:
        args = n["cni-args"]
        addresses[n["interface"]] = fresh_cidr_allocation(ipams[args["poolNames"][0]], nodes, ctx["hostname"], args)
    if addresses != ctx["ipaddresses"]:
        sys.exit(f"startup-context.yaml ipaddresses are not the fresh allocation: {addresses!r}")

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    out = env.from_string(conf["startupYAMLJ2"]).render(config=ctx["config"], ipaddresses=ctx["ipaddresses"], hostname=ctx["hostname"])
    yaml.safe_load(out)  # the DPU reads it as YAML
    target = EX / f"expected/hbn-startup.{ctx['hostname']}.yaml"
    target.write_text(out)
    print(f"wrote {target.relative_to(ROOT)} ({len(out)} bytes, jinja2 {jinja2.__version__}, PyYAML {yaml.__version__})")


main()
