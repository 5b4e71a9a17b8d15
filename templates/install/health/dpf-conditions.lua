-- Argo CD health of a DPF (NVIDIA DOCA Platform Framework) object, from its status conditions.
-- DPF controllers (pkg/conditions) keep a summary condition `Ready` plus one condition per step
-- (XxxReconciled, XxxReady) whose reason is Success, Pending, Retrying, AwaitingDeletion,
-- Error (the controller retries) or Failure (terminal). Argo CD gives this script only the
-- base and table libraries (no string, os or io), so messages are built with `..` alone.
local hs = {}
local kind = obj.kind or "object"
local spec = obj.spec or {}

-- DPUService.spec.paused, DPFOperatorConfig.spec.overrides.paused: the controller stops.
if spec.paused == true or (type(spec.overrides) == "table" and spec.overrides.paused == true) then
  hs.status = "Suspended"
  hs.message = kind .. " is paused"
  return hs
end

local status = obj.status
local conditions = nil
if type(status) == "table" then
  conditions = status.conditions
end
if type(conditions) ~= "table" or #conditions == 0 then
  -- DPUServiceConfiguration carries no status in DPF: its DPUDeployment reports on it.
  if kind == "DPUServiceConfiguration" then
    hs.status = "Healthy"
    hs.message = "DPUServiceConfiguration has no status; its DPUDeployment reports on it"
    return hs
  end
  hs.status = "Progressing"
  hs.message = "Waiting for the DPF controller to report conditions"
  return hs
end

local generation = nil
if type(obj.metadata) == "table" then
  generation = obj.metadata.generation
end

-- A status (or condition) written for an older generation says nothing about this one.
local function stale(observed)
  return generation ~= nil and observed ~= nil and observed < generation
end

local function describe(c)
  local text = tostring(c.type) .. " (" .. tostring(c.reason or c.status or "Unknown") .. ")"
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. tostring(c.message)
  end
  return text
end

if stale(status.observedGeneration) then
  hs.status = "Progressing"
  hs.message = "Waiting for the DPF controller to observe generation " .. tostring(generation) ..
    " (observed " .. tostring(status.observedGeneration) .. ")"
  return hs
end

local ready = nil
local firstFailed = nil
local firstPending = nil
for _, c in ipairs(conditions) do
  if c.type == "Ready" then
    ready = c
  elseif c.status ~= "True" then
    if (c.reason == "Error" or c.reason == "Failure") and not stale(c.observedGeneration) then
      firstFailed = firstFailed or c
    else
      firstPending = firstPending or c
    end
  end
end

if firstFailed ~= nil then
  hs.status = "Degraded"
  hs.message = describe(firstFailed)
  return hs
end
if ready ~= nil and stale(ready.observedGeneration) then
  hs.status = "Progressing"
  hs.message = "Waiting for the DPF controller to observe generation " .. tostring(generation) ..
    " (Ready is for " .. tostring(ready.observedGeneration) .. ")"
  return hs
end
if firstPending ~= nil then
  hs.status = "Progressing"
  hs.message = describe(firstPending)
  return hs
end
if ready == nil or ready.status == "True" then
  hs.status = "Healthy"
  if ready ~= nil and ready.message ~= nil and ready.message ~= "" then
    hs.message = ready.message
  else
    hs.message = kind .. " is ready"
  end
  return hs
end
-- Ready is not True although every step condition is: its own reason decides.
if ready.reason == "Error" or ready.reason == "Failure" then
  hs.status = "Degraded"
else
  hs.status = "Progressing"
end
hs.message = describe(ready)
return hs
