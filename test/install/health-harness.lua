-- Runs an Argo CD health script the way Argo CD's Lua VM does (util/lua/lua.go): the global
-- `obj` is the resource, and only the base and table libraries exist (no string, math, os or
-- io). Usage: lua5.1 health-harness.lua <health.lua> <object.lua>, where object.lua returns
-- the resource as a table. Prints the status and message length-prefixed, so any message
-- (newlines included) comes back exactly.
local script_path, object_path = arg[1], arg[2]
local resource = assert(dofile(object_path))
local chunk = assert(loadfile(script_path))
local env = {}
for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget",
  "rawset", "select", "setmetatable", "getmetatable", "tonumber", "tostring", "type", "unpack", "xpcall" }) do
  env[name] = _G[name]
end
env.table = table
env._G = env
env.obj = resource
setfenv(chunk, env)
local ok, hs = pcall(chunk)
if not ok then
  io.stderr:write("health script failed: " .. tostring(hs) .. "\n")
  os.exit(1)
end
local status = tostring(hs.status)
local message = hs.message == nil and "" or tostring(hs.message)
io.write(#status, ":", status, #message, ":", message)
