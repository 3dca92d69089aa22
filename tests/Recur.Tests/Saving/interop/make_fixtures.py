#!/usr/bin/python3
"""Writes the small h5py reference files in ../Fixtures that the .NET tests read (run with Debian's python3-h5py 3.7).

Every value is deterministic so that the tests can state them directly (see Hdf5FixtureTests.cs).
"""
import os
import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Fixtures")


def fill(f):
    f.attrs["vlen_utf8"] = "grüße"                       # vlen UTF-8 scalar (h5py 3 str)
    f.attrs["vlen_ascii"] = b"ascii"                     # vlen ASCII scalar
    f.attrs["vlen_list"] = [b"a", b"bc", b""]            # vlen ASCII array (h5py 3)
    f.attrs["fixed_list"] = np.array([b"x", b"yz"])      # fixed |S2, null-padded
    f.attrs["empty"] = []                                # float64 (0,), Keras' empty weight_names
    f.attrs["int_scalar"] = np.int64(-7)
    f.attrs["int_list"] = np.array([1, 2, 3], dtype="<i4")
    f.attrs["float_list"] = np.array([0.5, -1.25])
    g = f.create_group("model_weights/dense")            # intermediate group
    g.attrs["weight_names"] = [b"dense/kernel:0", b"dense/bias:0"]
    g.create_dataset("dense/kernel:0", data=np.arange(12, dtype="<f4").reshape(3, 4) / 4)
    g.create_dataset("dense/bias:0", data=np.array([1.5, -2.0, 0.0, 3.25], dtype="<f4"))
    f.create_dataset("scalar_i64", data=np.int64(42))
    f.create_dataset("f64", data=np.array([[1.0, 2.5], [-3.0, 4.0]], dtype="<f8"))
    f.create_dataset("big_endian", data=np.array([1.0, -2.0, 3.5], dtype=">f4"))
    f.create_dataset("empty_ds", shape=(0, 3), dtype="<f4")
    f.create_dataset("unwritten", shape=(2, 2), dtype="<f4")     # no data written: reads as zeros


def main():
    os.makedirs(OUT, exist_ok=True)
    # libver earliest (h5py's default): superblock v0, v1 object headers, symbol-table groups, as Keras files.
    with h5py.File(os.path.join(OUT, "earliest.h5"), "w") as f:
        fill(f)
        many = f.create_group("many")                    # 40 children: several symbol-table nodes
        for i in range(40):
            many.create_dataset(f"v{i}", data=np.array([i], dtype="<f4"))
    # libver latest: superblock v3, OHDR v2 headers, compact link storage (≤ 8 links per group).
    with h5py.File(os.path.join(OUT, "latest.h5"), "w", libver="latest") as f:
        fill(f)
    # Chunked datasets: gzip + shuffle, gzip alone, no filter, edge chunks that overhang; plus a compact dataset.
    with h5py.File(os.path.join(OUT, "chunked.h5"), "w") as f:
        data = np.arange(35, dtype="<f4").reshape(7, 5) - 10
        f.create_dataset("gzip_shuffle", data=data, chunks=(3, 2), compression="gzip", shuffle=True)
        f.create_dataset("gzip", data=data, chunks=(4, 4), compression="gzip", compression_opts=9)
        f.create_dataset("plain", data=data, chunks=(2, 5))
        f.create_dataset("fletcher", data=data, chunks=(7, 5), fletcher32=True)
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        space = h5py.h5s.create_simple((2, 3))
        dsid = h5py.h5d.create(f.id, b"compact", h5py.h5t.IEEE_F32LE, space, dcpl=dcpl)
        dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([[1, 2, 3], [4, 5, 6]], dtype="<f4"))
    # Dense link storage (fractal heap): outside the supported subset; the reader must say so clearly.
    with h5py.File(os.path.join(OUT, "dense_links.h5"), "w", libver="latest") as f:
        for i in range(20):
            f.create_group(f"g{i}")


if __name__ == "__main__":
    main()
