// The translation unit a test folder's precompiled header is made with (od_test_pch in
// tests/CMakeLists.txt): it holds nothing, the header is what the folder's programs reuse.
